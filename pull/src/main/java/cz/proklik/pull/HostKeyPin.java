package cz.proklik.pull;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one host key a node may present, from configuration: an OpenSSH public key line ({@code ssh-ed25519 AAAA...}),
 * a known_hosts line ({@code host ssh-ed25519 AAAA...}), or its SHA-256 fingerprint as {@code ssh-keygen -lf} prints
 * it ({@code SHA256:...}). Nothing is learned on first use: an unknown or changed key is refused.
 */
public final class HostKeyPin {
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");

    private final String fingerprint;
    private final String keyType;

    private HostKeyPin(String fingerprint, String keyType) {
        this.fingerprint = fingerprint;
        this.keyType = keyType;
    }

    /** @throws IllegalArgumentException when the text is none of the three forms */
    public static HostKeyPin parse(String text) {
        String pin = text == null ? "" : text.strip();
        if (pin.isEmpty()) {
            throw new IllegalArgumentException("no host key pinned (a public key line, a known_hosts line or"
                    + " SHA256:fingerprint from ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)");
        }
        if (FINGERPRINT.matcher(pin).matches()) {
            return new HostKeyPin(pin.endsWith("=") ? pin.substring(0, pin.length() - 1) : pin, null);
        }
        try {
            PublicKeyEntry entry = startsWithKeyType(pin) ? AuthorizedKeyEntry.parsePublicKeyEntry(pin)
                    : knownHostKey(pin);
            PublicKey key = entry.resolvePublicKey(null, null, null);
            if (key == null) {
                throw new IllegalArgumentException("host key of unsupported type " + entry.getKeyType());
            }
            return new HostKeyPin(fingerprintOf(key), entry.getKeyType());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("host key")) {
                throw iae;
            }
            throw new IllegalArgumentException("host key is neither a public key line, a known_hosts line nor"
                    + " SHA256:fingerprint: " + shorten(pin), e);
        }
    }

    public boolean matches(PublicKey presented) {
        return fingerprint.equals(fingerprintOf(presented));
    }

    /** {@code SHA256:...} without padding, as OpenSSH prints it. */
    public static String fingerprintOf(PublicKey key) {
        String printed = KeyUtils.getFingerPrint(KeyUtils.getDefaultFingerPrintFactory(), key);
        return printed.endsWith("=") ? printed.substring(0, printed.length() - 1) : printed;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /** The key type when a key (not only a fingerprint) was pinned, for the error message. */
    public String describe() {
        return keyType == null ? fingerprint : fingerprint + " (" + keyType + ")";
    }

    private static boolean startsWithKeyType(String line) {
        String first = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        return first.startsWith("ssh-") || first.startsWith("ecdsa-") || first.startsWith("sk-")
                || first.startsWith("rsa-");
    }

    private static PublicKeyEntry knownHostKey(String line) {
        KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(line);
        if (entry == null || entry.getKeyEntry() == null) {
            throw new IllegalArgumentException("not a known_hosts line");
        }
        return entry.getKeyEntry();
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
