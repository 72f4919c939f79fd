package cz.proklik.erp.db;

import java.util.regex.Pattern;

/** The id rules of the link format (docs/link-format.md), checked before anything reaches the database. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9._:-]{1,16}");

    private Ids() {
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }

    public static boolean isVariant(String value) {
        return value != null && VARIANT.matcher(value).matches();
    }

    /** Campaign, recipient and link ids: {@code [A-Za-z0-9._:-]{1,64}}. */
    public static String requireId(String what, String value) {
        if (!isId(value)) {
            throw new IllegalArgumentException(what + " must match [A-Za-z0-9._:-]{1,64}: " + value);
        }
        return value;
    }

    /** A/B variant codes: {@code [A-Za-z0-9._:-]{1,16}} (no variant = {@code null}, never ""). */
    public static String requireVariantOrNull(String value) {
        if (value == null) {
            return null;
        }
        if (!isVariant(value)) {
            throw new IllegalArgumentException("variant must match [A-Za-z0-9._:-]{1,16}: " + value);
        }
        return value;
    }
}
