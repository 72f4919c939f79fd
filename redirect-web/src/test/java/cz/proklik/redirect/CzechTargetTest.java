package cz.proklik.redirect;

import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19.2: a Czech target reaches the browser byte for byte as signed. */
class CzechTargetTest {
    private static final String CZECH = "https://eshop.example.cz/kávovary/černá-káva?barva=žlutá";
    private static final String ASCII = "https://eshop.example.cz/k%C3%A1vovary/%C4%8Dern%C3%A1-k%C3%A1va"
            + "?barva=%C5%BElut%C3%A1";

    @TempDir
    Path dir;

    @Test
    void theLocationHeaderHoldsExactlyTheBytesThatWereSigned() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            TrackingLink link = TrackingLink.click("C1", "R1", "hero", "", CZECH);
            assertThat(link.target()).isEqualTo(ASCII);

            byte[] location = rawLocation(s, s.url(link).substring(s.base().length()));

            assertThat(location).isEqualTo(link.target().getBytes(StandardCharsets.US_ASCII));
            assertThat(RunningServer.events(s.stopAndReadLog())).singleElement()
                    .satisfies(e -> assertThat(e.target()).isEqualTo(ASCII));
        }
    }

    @Test
    void aLinkSignedBeforeTargetsWereNormalisedIsSentPercentEncodedNotGarbled() throws Exception {
        try (RunningServer s = new RunningServer(dir)) {
            // Minted by hand from docs/link-format.md, as the signer did before: the raw UTF-8 target in the payload.
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    String.join("\n", "C1", "R1", "hero", "", CZECH).getBytes(StandardCharsets.UTF_8));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(s.keys.find("k1").orElseThrow().secret(), "HmacSHA256"));
            byte[] mac = Arrays.copyOf(hmac.doFinal(("proklik-link-1\nc\nk1\n" + payload)
                    .getBytes(StandardCharsets.US_ASCII)), 16);
            String token = "1.k1." + payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);

            byte[] location = rawLocation(s, "/c/" + token);

            assertThat(new String(location, StandardCharsets.ISO_8859_1)).isEqualTo(ASCII);
        }
    }

    /** The Location header's bytes exactly as they came off the socket. */
    private static byte[] rawLocation(RunningServer s, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", s.server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            byte[] response = all.toByteArray();
            String head = new String(response, StandardCharsets.ISO_8859_1); // one char per byte
            assertThat(head).startsWith("HTTP/1.1 302");
            int start = head.toLowerCase().indexOf("\r\nlocation: ") + "\r\nlocation: ".length();
            int end = head.indexOf("\r\n", start);
            return Arrays.copyOfRange(response, start, end);
        }
    }
}
