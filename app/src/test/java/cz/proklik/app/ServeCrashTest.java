package cz.proklik.app;

import cz.proklik.tracking.clicklog.ClickLogReader;
import cz.proklik.tracking.clicklog.LogFileNames;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durability promise, tested the hard way: a real `proklik serve` process under load is killed with SIGKILL.
 * Every click whose 302 reached a client must be in the log, and the next start must close the file cleanly.
 */
class ServeCrashTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path home;

    @Test
    void noAcknowledgedClickIsLostWhenTheServerIsKilledUnderLoad() throws Exception {
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        ring.save(home.resolve("keys"));
        LinkCodec codec = new LinkCodec(ring);
        Path logDir = home.resolve("clicklog");

        Process server = startServer();
        int port = awaitPort(server);
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(32);
        for (int t = 0; t < 32; t++) {
            int thread = t;
            clients.submit(() -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                for (int i = 0; running.get(); i++) {
                    String recipient = "T" + thread + "-" + i;
                    String target = "https://shop.example.com/" + recipient;
                    String url = codec.url("http://127.0.0.1:" + port, TrackingLink.click("C1", recipient, "hero", "", target));
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 302 && r.headers().firstValue("Location").orElse("").equals(target)) {
                            acknowledged.add(recipient);
                        }
                    } catch (Exception connectionKilled) {
                        return null;
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.size() < 2000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.destroyForcibly(); // SIGKILL: no shutdown hook, no final fsync, no rename
        server.waitFor(10, TimeUnit.SECONDS);
        running.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        List<String> acked = new ArrayList<>(acknowledged);
        assertThat(acked).as("the load ran before the kill").hasSizeGreaterThanOrEqualTo(2000);
        assertThat(files(logDir, LogFileNames.OPEN_SUFFIX)).as("the killed server left its file open").isNotEmpty();

        Process restarted = startServer();
        awaitPort(restarted);
        restarted.destroy(); // SIGTERM: orderly shutdown
        assertThat(restarted.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(files(logDir, LogFileNames.OPEN_SUFFIX)).as("the restart closed the crashed file").isEmpty();
        Set<String> logged = new HashSet<>();
        int badLines = 0;
        for (Path file : files(logDir, LogFileNames.CLOSED_SUFFIX)) {
            try (ClickLogReader reader = ClickLogReader.open(file)) {
                for (ClickLogReader.Entry e = reader.next(); e != null; e = reader.next()) {
                    if (e instanceof ClickLogReader.Entry.Event ev) {
                        logged.add(ev.event().recipient());
                    } else {
                        badLines++;
                    }
                }
            }
        }
        assertThat(badLines).as("a recovered file holds only whole lines").isZero();
        assertThat(logged).as("every click answered with a 302 is in the log").containsAll(acked);
    }

    private Process startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ProklikCli.class.getName(), "serve", "--host", "127.0.0.1", "--port", "0", "--node", "crash-node",
                "--log-dir", home.resolve("clicklog").toString())
                .redirectErrorStream(true);
        pb.environment().put("PROKLIK_HOME", home.toString());
        return pb.start();
    }

    private static int awaitPort(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                int port = Integer.parseInt(m.group(1));
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (Exception ignored) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return port;
            }
        }
        throw new AssertionError("server did not start:\n" + seen);
    }

    private static List<Path> files(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
