package cz.proklik.bounces.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failed recipients of a report that says them only in words (qmail, Exim, Yahoo, Domino, GroupWise, Exchange
 * 2003, ...): every address that starts a line of the explanation, and the lines after it up to the next such
 * address, are one recipient and its diagnostic. This one layout rule covers the formats in the corpus
 * (bounce-corpus/README.md); the copy of the original message (after a marker line) is cut off first, so its
 * headers are never taken for recipients.
 */
final class TextReport {
    // An address may follow "RCPT TO:", "Recipient:", "To:", or an X.400 address whose domain-defined attribute
    // carries it (Exchange's IMS gateway: "c=US;a= ;p=IKON;o=Nexus2;dda:SMTP=user@example.com;").
    private static final Pattern RECIPIENT_LINE = Pattern.compile(
            "^\\s*(?:rcpt to:\\s*|recipient:\\s*|to:\\s*|c=[^;\\s]*;.*?\\bsmtp=)?<?(" + Addresses.ADDRESS
                    + ")>?(?=[\\s:,;.(]|$)(.*)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_LINE = Pattern.compile(
            "^(from|to|cc|reply-to|return-path|sender|message-id|subject|date|received|reporting-mta|final-recipient"
                    + "|original-recipient|x-[a-z0-9-]+|arrival-date|delivered-to):", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINES = 12;
    private static final int MAX_CHARS = 1000;

    private TextReport() {
    }

    /** The explanation (before the original message) and the original's text (after the marker, or ""). */
    record Split(String explanation, String original) {
    }

    static Split split(String text) {
        Matcher m = Signals.STANDARD.originalMarker.matcher(text);
        if (m.find()) {
            int lineEnd = text.indexOf('\n', m.start());
            return new Split(text.substring(0, m.start()), lineEnd < 0 ? "" : text.substring(lineEnd + 1));
        }
        return new Split(text, "");
    }

    /** Recipients named in {@code explanation}, except {@code excluded} (lower case: the report's and our own senders). */
    static List<FailedRecipient> recipients(String explanation, Set<String> excluded) {
        List<FailedRecipient> atLineStart = recipients(explanation, excluded, false);
        return atLineStart.isEmpty() ? recipients(explanation, excluded, true) : atLineStart;
    }

    /**
     * @param anywhere false: an address must start its line; true (for reports that found none so): an address
     *                 anywhere in a line ("User's mailbox is full: <a@b>"), the whole line its diagnostic
     */
    private static List<FailedRecipient> recipients(String explanation, Set<String> excluded, boolean anywhere) {
        String[] lines = explanation.replace("\r", "").split("\n");
        Map<String, StringBuilder> found = new LinkedHashMap<>();
        StringBuilder current = null;
        int taken = 0;
        for (String line : lines) {
            boolean header = HEADER_LINE.matcher(line.trim()).find();
            String address = null;
            String rest = null;
            if (!header && anywhere) {
                for (String a : Addresses.all(line)) {
                    if (!excluded.contains(a.toLowerCase(Locale.ROOT)) && !Addresses.isRole(a)) {
                        address = a;
                        rest = line;
                        break;
                    }
                }
            } else if (!header) {
                Matcher m = RECIPIENT_LINE.matcher(line);
                if (m.find() && !excluded.contains(m.group(1).toLowerCase(Locale.ROOT)) && !Addresses.isRole(m.group(1))) {
                    address = m.group(1);
                    rest = m.group(2).replaceFirst("^[\\s:.>)]+", "");
                }
            }
            if (address != null) {
                current = found.computeIfAbsent(address.toLowerCase(Locale.ROOT), a -> new StringBuilder());
                if (current.isEmpty()) {
                    current.append(address).append('\n');
                }
                append(current, rest);
                taken = 0;
            } else if (current != null && taken < MAX_LINES) {
                if (!line.isBlank()) {
                    append(current, line.trim());
                    taken++;
                }
            }
        }
        List<FailedRecipient> out = new ArrayList<>();
        for (StringBuilder b : found.values()) {
            int nl = b.indexOf("\n");
            String address = b.substring(0, nl);
            String diagnostic = b.substring(nl + 1).trim();
            out.add(of(address, diagnostic.isEmpty() ? null : diagnostic));
        }
        return out;
    }

    /** The diagnostic a readable part gives for {@code address}, or null (for reports whose fields lack it). */
    static String diagnosticFor(String explanation, String address) {
        for (FailedRecipient r : recipients(explanation, Set.of())) {
            if (r.address().equalsIgnoreCase(address)) {
                return r.diagnostic();
            }
        }
        return null;
    }

    static FailedRecipient of(String address, String diagnostic) {
        return new FailedRecipient(address, null, StatusCodes.enhancedIn(diagnostic), StatusCodes.replyIn(diagnostic),
                diagnostic);
    }

    private static void append(StringBuilder b, String s) {
        if (s.isBlank() || b.length() > MAX_CHARS) {
            return;
        }
        if (b.charAt(b.length() - 1) != '\n') {
            b.append(' ');
        }
        b.append(s.strip());
    }
}
