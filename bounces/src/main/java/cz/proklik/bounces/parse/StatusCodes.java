package cz.proklik.bounces.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 3463 enhanced status codes and RFC 5321 reply codes as they appear in report fields and free text. */
public final class StatusCodes {
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern ENHANCED_IN_TEXT = Pattern.compile("(?<![\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.]*\\d)");
    private static final Pattern REPLY_IN_TEXT = Pattern.compile("(?<![\\d.#])([245][0-5]\\d)(?=[ -]|$)(?![ -]?\\d+\\.\\d+\\.\\d+\\.)");

    private StatusCodes() {
    }

    public static boolean isEnhanced(String s) {
        return s != null && ENHANCED.matcher(s).matches();
    }

    /** The most specific enhanced code in {@code text} (one that is not X.0.0 if there is one), or null. */
    public static String enhancedIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ENHANCED_IN_TEXT.matcher(text);
        String first = null;
        while (m.find()) {
            String code = m.group(1);
            if (!code.endsWith(".0.0")) {
                return code;
            }
            if (first == null) {
                first = code;
            }
        }
        return first;
    }

    /** The first SMTP reply code in {@code text}, or null. */
    public static String replyIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = REPLY_IN_TEXT.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** {@code a} unless it is missing or only X.0.0 and {@code b} says more. */
    public static String mostSpecific(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b != null && a.endsWith(".0.0") && !b.endsWith(".0.0") && a.charAt(0) == b.charAt(0)) {
            return b;
        }
        return a;
    }
}
