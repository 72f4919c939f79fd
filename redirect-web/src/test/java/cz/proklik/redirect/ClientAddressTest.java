package cz.proklik.redirect;

import cz.proklik.redirect.client.AddressRanges;
import cz.proklik.redirect.client.ClientAddressResolver;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {
    @TempDir
    Path dir;

    private final ClientAddressResolver behindProxies =
            new ClientAddressResolver(AddressRanges.parse(List.of("10.0.0.0/8", "2001:db8:ffff::/48")));

    @Test
    void forwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.1.2.3");
        InetAddress stranger = InetAddress.getByName("198.51.100.20");

        assertThat(behindProxies.resolve(proxy, List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve(stranger, List.of("203.0.113.9"))).isEqualTo("198.51.100.20");
        assertThat(behindProxies.resolve(proxy, List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void theRightMostUntrustedHopIsTheClientNotWhatTheClientClaims() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.1.2.3");

        // The client itself sent "X-Forwarded-For: 1.1.1.1"; our proxies appended the real address and each other.
        assertThat(behindProxies.resolve(proxy, List.of("1.1.1.1, 203.0.113.9, 10.9.9.9"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve(proxy, List.of("1.1.1.1", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(behindProxies.resolve(proxy, List.of("garbage, 10.9.9.9"))).isEqualTo("10.9.9.9");
        assertThat(behindProxies.resolve(proxy, List.of("2001:DB8:0:0:0:0:0:7"))).isEqualTo("2001:db8::7");
        assertThat(behindProxies.resolve(proxy, List.of("::ffff:203.0.113.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void theServerLogsTheForwardedClientWhenItsPeerIsTrusted() throws Exception {
        try (RunningServer trusting = new RunningServer(dir.resolve("a"), RunningServer.newKeys("k1"),
                List.of("127.0.0.1"), 1 << 20);
             RunningServer untrusting = new RunningServer(dir.resolve("b"))) {
            for (RunningServer s : List.of(trusting, untrusting)) {
                s.send(HttpRequest.newBuilder(URI.create(s.url(TrackingLink.click("C1", "R1", "hero", "",
                        "https://shop.example.com/")))).header("X-Forwarded-For", "203.0.113.9"));
            }
            assertThat(RunningServer.events(trusting.stopAndReadLog())).extracting(TrackingEvent::clientIp)
                    .containsExactly("203.0.113.9");
            assertThat(RunningServer.events(untrusting.stopAndReadLog())).extracting(TrackingEvent::clientIp)
                    .containsExactly("127.0.0.1");
        }
    }
}
