package cz.proklik.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** E-mail addresses found in report text: a practical RFC 5321 shape, not the full RFC 5322 grammar. */
public final class Addresses {
    static final String ADDRESS = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,63}";
    private static final Pattern ONE = Pattern.compile(ADDRESS);
    private static final Pattern ANY = Pattern.compile("(?<![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])(" + ADDRESS + ")");

    /** An X.400 gateway's "SMTP=" or a quoting apostrophe glued to the address in report text. */
    private static final Pattern ROUTE_PREFIX = Pattern.compile("^(?i:smtp=|rfc822=|'+)");
    private static final Pattern ROLE = Pattern.compile(
            "(?i)(postmaster|mailer-?daemon|mail-daemon|abuse|hostmaster|webmaster)@");

    private Addresses() {
    }

    public static boolean isAddress(String s) {
        return s != null && s.length() <= 320 && ONE.matcher(s).matches();
    }

    /** The lower-case form used to compare and suppress addresses (domains are case-blind; local parts in practice). */
    public static String normalise(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    /** The first address in {@code text} (e.g. "rfc822; a@b.cz", "Jan <a@b.cz>"), or null. */
    public static String first(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ANY.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    public static List<String> all(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            Matcher m = ANY.matcher(text);
            while (m.find()) {
                String a = ROUTE_PREFIX.matcher(m.group(1)).replaceFirst("");
                if (isAddress(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Mail-system role mailboxes: a report names them as its contact, never as a failed recipient. */
    public static boolean isRole(String address) {
        return ROLE.matcher(address).lookingAt();
    }
}
