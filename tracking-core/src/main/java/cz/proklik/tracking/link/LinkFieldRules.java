package cz.proklik.tracking.link;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The value rules of link format v1 (docs/link-format.md). Shared by the signer, which refuses to mint a link
 * that breaks them, and by the verifier and the click-log reader, which refuse to accept one.
 */
public final class LinkFieldRules {
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_VARIANT_LENGTH = 16;
    public static final int MAX_TARGET_LENGTH = 2048;
    public static final int MAX_TOKEN_LENGTH = 4096;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_ID_LENGTH + "}");
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9._:-]{0," + MAX_VARIANT_LENGTH + "}");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private LinkFieldRules() {
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isOptionalId(String value) {
        return value != null && (value.isEmpty() || isId(value));
    }

    public static boolean isVariant(String value) {
        return value != null && VARIANT.matcher(value).matches();
    }

    public static boolean isKeyId(String value) {
        return value != null && KEY_ID.matcher(value).matches();
    }

    /** An absolute http(s) URL with a host, no white space or control characters, at most 2048 characters. */
    public static boolean isTarget(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_TARGET_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                return false;
            }
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null) {
                return false;
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            return (lower.equals("http") || lower.equals("https"))
                    && uri.getHost() != null && !uri.getHost().isEmpty()
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The host of a target that {@link #isTarget} accepted, lower-cased. */
    public static String hostOf(String target) {
        return URI.create(target).getHost().toLowerCase(Locale.ROOT);
    }
}
