package cz.proklik.app.keys;

import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.tracking.link.KeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Where the key ring comes from: PROKLIK_KEYS if set, else the key file. */
public final class KeyRingSource {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRingSource.class);
    public static final String ENV = "PROKLIK_KEYS";

    private final ProklikConfig config;

    public KeyRingSource(ProklikConfig config) {
        this.config = config;
    }

    public Path file() {
        return Path.of(config.get("proklik.keys.file"));
    }

    public boolean fromEnvironment() {
        String env = config.env().get(ENV);
        return env != null && !env.isBlank();
    }

    /** The ring for reading; empty when none is configured yet. A malformed ring is a configuration error. */
    public KeyRing load() throws IOException {
        try {
            if (fromEnvironment()) {
                return KeyRing.parse(config.env().get(ENV));
            }
            return Files.isRegularFile(file()) ? KeyRing.load(file()) : KeyRing.empty();
        } catch (IllegalArgumentException e) {
            throw new UsageException((fromEnvironment() ? ENV : file().toString()) + ": " + e.getMessage());
        }
    }

    /**
     * The ring for signing or serving. A first run with no ring at all gets a fresh key in the key file, so the
     * embedded default works out of the box; a ring that exists but has no active key is an error.
     */
    public KeyRing loadOrCreate() throws IOException {
        KeyRing ring = load();
        if (ring.keys().isEmpty() && !fromEnvironment()) {
            ring = ring.withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
            ring.save(file());
            LOG.info("No key ring yet: generated signing key {} in {}", ring.signingKey().orElseThrow().id(), file());
        }
        if (ring.signingKey().isEmpty()) {
            throw new IllegalStateException("the key ring has no active key: run 'proklik keys generate'");
        }
        return ring;
    }
}
