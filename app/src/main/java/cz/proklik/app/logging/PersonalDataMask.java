package cz.proklik.app.logging;

import java.util.regex.Pattern;

/**
 * The net under the rule "no personal data in logs above debug": e-mail addresses and IP addresses in a log line
 * (its message and the text of its exceptions) are replaced by {@code <e-mail>} and {@code <ip>}. Proklik's own log
 * calls do not put them there (each was checked); this catches what a library's exception text carries, e.g. the key
 * values a database error quotes. Debug lines are left as they are: debug is for diagnosis, off by default. The
 * loopback and unspecified addresses stay (a bind address identifies no one).
 */
public final class PersonalDataMask {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
                    + "(?![0-9]|\\.[0-9])");
    /** Full (eight groups) or compressed ({@code ::}) IPv6; times such as 06:42:02 are neither. */
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
                    + "|(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{0,4}::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{1,4})"
                    + "(?![0-9A-Fa-f:])");

    private PersonalDataMask() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = EMAIL.matcher(text).replaceAll("<e-mail>");
        masked = IPV6.matcher(masked).replaceAll(m -> identifiesNoOne(m.group()) ? m.group() : "<ip>");
        return IPV4.matcher(masked).replaceAll(m -> identifiesNoOne(m.group()) ? m.group() : "<ip>");
    }

    /** The loopback and the unspecified address (a bind address, a local test) are kept: they are nobody's. */
    private static boolean identifiesNoOne(String address) {
        return address.startsWith("127.") || address.equals("0.0.0.0") || address.equals("::")
                || address.equals("::1");
    }
}
