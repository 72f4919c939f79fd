package cz.proklik.tracking.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The signing keys, newest first. The first active key signs; every active key verifies; retired keys verify
 * nothing. Text form (file or environment variable), one key per line or per ';':
 * {@code kid state base64url-secret}; '#' starts a comment.
 */
public final class KeyRing {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final DateTimeFormatter KEY_ID_TIME =
            DateTimeFormatter.ofPattern("'k'yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final List<SigningKey> keys;
    private final Map<String, SigningKey> byId;
    /** Found once: the ring never changes, and a mailer asks for it for every link it signs. */
    private final Optional<SigningKey> signingKey;

    public KeyRing(List<SigningKey> keys) {
        this.keys = List.copyOf(keys);
        this.byId = new LinkedHashMap<>();
        for (SigningKey key : keys) {
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("key id " + key.id() + " appears twice in the key ring");
            }
        }
        this.signingKey = this.keys.stream().filter(SigningKey::active).findFirst();
    }

    public static KeyRing parse(String text) {
        List<SigningKey> keys = new ArrayList<>();
        int entry = 0;
        List<String> entries = new ArrayList<>();
        for (String physical : text.split("\n")) {
            int hash = physical.indexOf('#');
            entries.addAll(List.of((hash >= 0 ? physical.substring(0, hash) : physical).split(";")));
        }
        for (String raw : entries) {
            entry++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2 || parts.length > 3) {
                throw new IllegalArgumentException("key ring entry " + entry
                        + ": expected 'kid state secret', got " + parts.length + " words");
            }
            SigningKey.State state;
            try {
                state = SigningKey.State.valueOf(parts[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("key ring entry " + entry + ": state must be active or retired");
            }
            byte[] secret = null;
            if (parts.length == 3) {
                try {
                    secret = B64D.decode(parts[2]);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key ring entry " + entry + ": secret is not base64url");
                }
            }
            keys.add(new SigningKey(parts[0], state, secret));
        }
        return new KeyRing(keys);
    }

    public static KeyRing load(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static KeyRing empty() {
        return new KeyRing(List.of());
    }

    /** A fresh 256-bit key, named after the current UTC second. */
    public static SigningKey generateKey(Clock clock, SecureRandom random) {
        byte[] secret = new byte[SigningKey.SECRET_BYTES];
        random.nextBytes(secret);
        return new SigningKey(KEY_ID_TIME.format(clock.instant()), SigningKey.State.ACTIVE, secret);
    }

    /**
     * This ring with a fresh key first, named after the current UTC second of {@code clock}, or after the next second
     * no key of the ring is named after: two keys made within one second (a script, a test) both get a name.
     */
    public KeyRing withGeneratedSigningKey(Clock clock, SecureRandom random) {
        Instant at = clock.instant();
        while (byId.containsKey(KEY_ID_TIME.format(at))) {
            at = at.plusSeconds(1);
        }
        return withNewSigningKey(generateKey(Clock.fixed(at, ZoneOffset.UTC), random));
    }

    /** This ring with {@code key} first, so it signs from now on; the older keys still verify. */
    public KeyRing withNewSigningKey(SigningKey key) {
        List<SigningKey> next = new ArrayList<>();
        next.add(key);
        next.addAll(keys);
        return new KeyRing(next);
    }

    /** This ring with {@code keyId} retired: its links are refused from now on. Its secret is dropped. */
    public KeyRing retire(String keyId) {
        if (!byId.containsKey(keyId)) {
            throw new IllegalArgumentException("no key " + keyId + " in the key ring");
        }
        List<SigningKey> next = new ArrayList<>();
        for (SigningKey key : keys) {
            next.add(key.id().equals(keyId) ? new SigningKey(keyId, SigningKey.State.RETIRED, null) : key);
        }
        return new KeyRing(next);
    }

    public Optional<SigningKey> signingKey() {
        return signingKey;
    }

    public Optional<SigningKey> find(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    public List<SigningKey> keys() {
        return keys;
    }

    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append("# Proklik link-signing keys. Keep this file secret (mode 600). docs/link-format.md\n");
        out.append("# kid state secret(base64url). The first active key signs; active keys verify; retired verify nothing.\n");
        for (SigningKey key : keys) {
            out.append(key.id()).append(' ').append(key.state().name().toLowerCase(Locale.ROOT));
            if (key.secret() != null) {
                out.append(' ').append(B64.encodeToString(key.secret()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Writes atomically (temp file, then rename) and readable by the owner only where the file system allows. */
    public void save(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keys", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the ACL of the folder applies.
            }
            Files.writeString(tmp, toText(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
