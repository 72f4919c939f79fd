package cz.proklik.redirect;

import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.TrackingLink;
import cz.proklik.tracking.testsupport.RawGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What of a User-Agent's whitespace reaches the click log (docs/clicklog-format.md, "user_agent"). Undertow 2.4's
 * HTTP/1.1 parser ({@code io.undertow.server.protocol.http.RequestParser.parseFieldValue}, read from the 2.4.4 jar)
 * keeps only the first character of every run of spaces and tabs inside a header value and trims both ends, before
 * any handler runs. Its options (maximum parameters and headers, URL decoding, charset, unescaped characters in the
 * URL) do not touch header whitespace, and the parser is a package-private final class the HTTP listener creates
 * itself, so there is no supported way to replace it or to see the header's raw bytes. This test pins the
 * behaviour, so an Undertow upgrade that changes it is noticed.
 */
class UserAgentWhitespaceTest {
    @TempDir
    Path dir;
    RunningServer s;

    @BeforeEach
    void start() throws Exception {
        s = new RunningServer(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void runsOfSpacesAndTabsArriveAsOneSpaceAndEverythingElseByteForByte() throws Exception {
        String sent = "Mozilla/5.0 (X11)  two  spaces\tone tab\t\t two tabs and a space \u00a0no-break\u00a0spaces"
                + " \u017dlu\u0165ou\u010dk\u00fd k\u016f\u0148   ";
        String path = URI.create(s.url(TrackingLink.click("C1", "R1", "hero", "", "https://shop.example.com/")))
                .getRawPath();

        assertThat(RawGet.withUserAgent(s.server.port(), path, sent)).startsWith("HTTP/1.1 302");

        List<TrackingEvent> events = RunningServer.events(s.stopAndReadLog());
        assertThat(events).singleElement().extracting(TrackingEvent::userAgent)
                .as("each run of spaces and tabs is its first character, the ends are trimmed; a tab, a control"
                        + " character, is U+FFFD in the log")
                .isEqualTo("Mozilla/5.0 (X11) two spaces\uFFFDone tab\uFFFDtwo tabs and a space \u00a0no-break"
                        + "\u00a0spaces \u017dlu\u0165ou\u010dk\u00fd k\u016f\u0148");
    }
}
