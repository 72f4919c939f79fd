package cz.proklik.tracking.autologin;

import cz.proklik.tracking.link.LinkFieldRules;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an auto-login link lets its holder do: sign in as one contact, at one web shop, for one purpose, until it
 * expires (docs/autologin-link.md). The constructor enforces the field rules of the contract.
 */
public record AutologinGrant(String contact, String shop, String purpose, Instant expiresAt) {

    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public AutologinGrant {
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!LinkFieldRules.isId(contact)) {
            throw new IllegalArgumentException("contact must be 1-64 of [A-Za-z0-9._:-]: " + contact);
        }
        if (!LinkFieldRules.isId(shop)) {
            throw new IllegalArgumentException("shop must be 1-64 of [A-Za-z0-9._:-]: " + shop);
        }
        if (purpose == null || !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("purpose must be 1-32 of [a-z0-9_-], starting with a letter: " + purpose);
        }
        if (expiresAt.getNano() != 0 || expiresAt.getEpochSecond() <= 0) {
            throw new IllegalArgumentException("expiresAt must be a whole second after 1970: " + expiresAt);
        }
    }
}
