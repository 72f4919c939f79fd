package cz.proklik.redirect.keys;

import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.SigningKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a running redirect page on the current key ring (issue 19.1): the key file is read again every
 * {@code interval}, and when its content changed and is a valid ring with an active key, the codec swaps to it
 * whole. A file that cannot be read or parsed leaves the ring in use as it was and is reported on /health until a
 * good one replaces it. Polling rather than a file watch: it also sees a file replaced by a rename, a symbolic link
 * re-pointed (Kubernetes secrets) and network file systems, which a watch service misses.
 *
 * <p>A ring given in {@code PROKLIK_KEYS} is fixed for the life of the process: {@link #fixed}.
 */
public final class KeyRingReload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRingReload.class);

    /**
     * What /health shows: where the ring comes from, its key ids by state (never a secret), when it was last
     * swapped in, and why the file is not in use when it is broken ({@code error} empty otherwise).
     */
    public record State(boolean reloading, List<String> activeKeys, List<String> retiredKeys, Instant loadedAt,
                        String error) {
    }

    private final Path file;
    private final LinkCodec codec;
    private final ScheduledExecutorService timer;
    private byte[] lastContent;
    private volatile State state;

    private KeyRingReload(Path file, LinkCodec codec, byte[] content, Duration interval) {
        this.file = file;
        this.codec = codec;
        this.lastContent = content;
        this.state = describe(file != null, codec.keyRing(), "");
        if (file == null) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "key-ring-reload");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Watches {@code file}, whose content the codec's ring was loaded from. */
    public static KeyRingReload watch(Path file, LinkCodec codec, Duration interval) throws IOException {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("key ring reload interval must be positive");
        }
        return new KeyRingReload(file, codec, Files.readAllBytes(file), interval);
    }

    /** A ring that does not change while the process runs (PROKLIK_KEYS, or one given by code). */
    public static KeyRingReload fixed(LinkCodec codec) {
        return new KeyRingReload(null, codec, null, Duration.ZERO);
    }

    public State state() {
        return state;
    }

    /** Reads the file now; the timer calls this every interval. */
    public synchronized void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            broken("the key file cannot be read (" + e.getClass().getSimpleName() + ")", e);
            return;
        }
        if (Arrays.equals(content, lastContent)) {
            if (!state.error().isEmpty()) {
                State old = state; // put back as it was: the ring in use is the file's again
                state = new State(true, old.activeKeys(), old.retiredKeys(), old.loadedAt(), "");
                LOG.info("The key file holds the ring in use again");
            }
            return;
        }
        KeyRing ring;
        try {
            ring = KeyRing.parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString());
        } catch (CharacterCodingException | IllegalArgumentException e) {
            // The parser's message names the entry and the rule, never a secret.
            broken("the key file is not a valid key ring: " + e.getMessage(), null);
            return;
        }
        if (ring.signingKey().isEmpty()) {
            broken("the key file has no active key", null);
            return;
        }
        codec.useKeyRing(ring);
        lastContent = content;
        state = describe(true, ring, "");
        LOG.info("Key ring reloaded: active {}, retired {}", state.activeKeys(), state.retiredKeys());
    }

    private void broken(String why, Exception e) {
        if (!why.equals(state.error())) {
            LOG.warn("Key ring not reloaded, the one in use stays: {}", why, e);
        }
        State old = state;
        state = new State(true, old.activeKeys(), old.retiredKeys(), old.loadedAt(), why);
    }

    private static State describe(boolean reloading, KeyRing ring, String error) {
        List<String> active = ring.keys().stream().filter(SigningKey::active).map(SigningKey::id).toList();
        List<String> retired = ring.keys().stream().filter(k -> !k.active()).map(SigningKey::id).toList();
        return new State(reloading, active, retired, Instant.now(), error);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
