package cz.proklik.tracking.link;

import java.util.Arrays;
import java.util.Objects;

/** One key of the ring. A retired key may have no secret: it only tells why its links are refused. */
public record SigningKey(String id, State state, byte[] secret) {

    public static final int SECRET_BYTES = 32;

    public enum State { ACTIVE, RETIRED }

    public SigningKey {
        Objects.requireNonNull(state, "state");
        if (!LinkFieldRules.isKeyId(id)) {
            throw new IllegalArgumentException("key id must be 1-32 of [A-Za-z0-9_-]: " + id);
        }
        if (state == State.ACTIVE && (secret == null || secret.length < SECRET_BYTES)) {
            throw new IllegalArgumentException("active key " + id + " needs a secret of at least "
                    + SECRET_BYTES + " bytes");
        }
        secret = secret == null ? null : secret.clone();
    }

    public boolean active() {
        return state == State.ACTIVE;
    }

    @Override
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && k.id.equals(id) && k.state == state && Arrays.equals(k.secret, secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Never prints the secret, so a key can be logged or shown safely. */
    @Override
    public String toString() {
        return "SigningKey[" + id + ", " + state + "]";
    }
}
