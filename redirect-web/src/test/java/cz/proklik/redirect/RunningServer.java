package cz.proklik.redirect;

import cz.proklik.redirect.junk.JunkLimits;
import cz.proklik.redirect.keys.KeyRingReload;
import cz.proklik.tracking.clicklog.ClickLogReader;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.clicklog.LogFileNames;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.SigningKey;
import cz.proklik.tracking.link.TrackingLink;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A real redirect server on a free port over a temporary click-log folder, and a real HTTP client. */
final class RunningServer implements AutoCloseable {
    static final String NODE = "test-node";

    final Path logDir;
    final KeyRing keys;
    final LinkCodec codec;
    final RedirectServer server;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Limits for rejected requests that tests of other things never reach (the fuzz tests send hundreds of forged
     * links from one address); JunkBudgetTest and JunkFloodTest test the real ones.
     */
    static final JunkLimits NO_JUNK_LIMITS = new JunkLimits(1e9, 1e12, 0, 1e9, 0);

    RunningServer(Path dir, KeyRing keys, List<String> trustedProxies, long rotateBytes) throws IOException {
        this(dir, new LinkCodec(keys), trustedProxies, rotateBytes, NO_JUNK_LIMITS, null);
    }

    /** @param keys keeps the codec's ring current; null = the ring stays as it is */
    RunningServer(Path dir, LinkCodec codec, List<String> trustedProxies, long rotateBytes, JunkLimits junk,
                  KeyRingReload keys) throws IOException {
        this.logDir = dir.resolve("clicklog");
        this.keys = codec.keyRing();
        this.codec = codec;
        ClickLogWriter log = ClickLogWriter.start(
                new ClickLogWriter.Settings(logDir, NODE, rotateBytes, Duration.ofHours(1), true), Clock.systemUTC());
        RedirectSettings settings = new RedirectSettings("127.0.0.1", 0, 2, RedirectSettings.BUILT_IN_FALLBACK,
                trustedProxies, List.of("127.0.0.0/8"), 16 * 1024, NODE, junk);
        this.server = keys == null ? RedirectServer.start(settings, codec, log)
                : RedirectServer.start(settings, codec, log, keys);
    }

    RunningServer(Path dir) throws IOException {
        this(dir, newKeys("k1"), List.of(), 64 << 20);
    }

    static KeyRing newKeys(String... ids) {
        List<SigningKey> keys = new ArrayList<>();
        for (String id : ids) {
            keys.add(new SigningKey(id, SigningKey.State.ACTIVE,
                    KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()).secret()));
        }
        return new KeyRing(keys);
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    String url(TrackingLink link) {
        return codec.url(base(), link);
    }

    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "JUnit/5 RunningServer").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Closes the server (and with it the log), then reads every closed file back. */
    List<ClickLogReader.Entry> stopAndReadLog() throws IOException {
        server.close();
        return readLog(logDir);
    }

    static List<ClickLogReader.Entry> readLog(Path logDir) throws IOException {
        List<ClickLogReader.Entry> entries = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(logDir)) {
            files = s.filter(LogFileNames::isClosed).sorted().toList();
        }
        for (Path f : files) {
            try (ClickLogReader reader = ClickLogReader.open(f)) {
                for (ClickLogReader.Entry e = reader.next(); e != null; e = reader.next()) {
                    entries.add(e);
                }
            }
        }
        return entries;
    }

    static List<TrackingEvent> events(List<ClickLogReader.Entry> entries) {
        return entries.stream().map(e -> {
            if (e instanceof ClickLogReader.Entry.Event ev) {
                return ev.event();
            }
            throw new AssertionError("bad line in the click log: " + e);
        }).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
