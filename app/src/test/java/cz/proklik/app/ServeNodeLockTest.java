package cz.proklik.app;

import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19.3 with two real processes; and 19.2 through the CLI. */
class ServeNodeLockTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path home;

    @Test
    void aSecondServeWithTheSameNodeAndFolderRefusesToStartAndTheFirstGoesOn() throws Exception {
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        ring.save(home.resolve("keys"));
        Process first = startServer();
        try {
            BufferedReader firstOut = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            int port = awaitPort(firstOut);

            Process second = startServer();
            String secondOut = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).as(secondOut).isEqualTo(2);
            assertThat(secondOut).contains("another process is writing the click log of this node")
                    .contains("node web-1");

            String target = "https://shop.example.com/";
            String url = new LinkCodec(ring).url("http://127.0.0.1:" + port, TrackingLink.click("C1", "R1", "hero", "", target));
            HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(r.statusCode()).as("the first server still answers").isEqualTo(302);
        } finally {
            first.destroy();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void proklikLinkSignsACzechTargetInTheFormTheRedirectSends() throws Exception {
        Map<String, String> env = Map.of("PROKLIK_HOME", home.toString());
        Cli.Result r = Cli.run(env, "link", "--campaign", "C1", "--recipient", "R1", "--link", "hero",
                "--target", "https://eshop.example.cz/kávovary/černá-káva");

        assertThat(r.exitCode()).as(r.err()).isZero();
        String token = r.out().strip().substring(r.out().strip().indexOf("/c/") + 3);
        LinkVerification v = new LinkCodec(KeyRing.load(home.resolve("keys"))).verify(LinkKind.CLICK, token);
        assertThat(v).isInstanceOfSatisfying(LinkVerification.Valid.class, valid -> assertThat(valid.link().target())
                .isEqualTo("https://eshop.example.cz/k%C3%A1vovary/%C4%8Dern%C3%A1-k%C3%A1va"));

        Cli.Result port = Cli.run(env, "link", "--campaign", "C1", "--recipient", "R1", "--link", "hero",
                "--target", "https://eshop.example.cz:70000/");
        assertThat(port.exitCode()).isEqualTo(2);
    }

    private Process startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ProklikCli.class.getName(), "serve", "--host", "127.0.0.1", "--port", "0", "--node", "web-1",
                "--log-dir", home.resolve("clicklog").toString())
                .redirectErrorStream(true);
        pb.environment().put("PROKLIK_HOME", home.toString());
        return pb.start();
    }

    private static int awaitPort(BufferedReader out) throws Exception {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread reader = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // drain, so the server never blocks on a full pipe
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                reader.setDaemon(true);
                reader.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the server did not start");
    }
}
