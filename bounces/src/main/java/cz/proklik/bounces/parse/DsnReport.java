package cz.proklik.bounces.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-recipient fields of an RFC 3464 {@code message/delivery-status} part, read with Angus Mail's
 * {@link DeliveryStatus}; a part it cannot read (no blank line between the groups, a stray line) is split by hand.
 */
final class DsnReport {
    private DsnReport() {
    }

    record Result(List<FailedRecipient> failed, List<String> otherActions) {
    }

    static Result read(Part part, String explanation) throws MessagingException, IOException {
        byte[] body = Mime.bytes(part);
        List<InternetHeaders> groups = groups(body);
        List<FailedRecipient> failed = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (InternetHeaders r : groups) {
            // The Original-Recipient is the address the sender named (RFC 3464 2.3.1): the one Proklik mailed and
            // must suppress. The Final-Recipient can be where a server forwarded or rewrote it (PMDF's HAASM@...).
            String finalAddress = Addresses.first(Mime.header(r, "Final-Recipient"));
            String address = Addresses.first(Mime.header(r, "Original-Recipient"));
            if (address == null) {
                address = finalAddress;
            }
            if (address == null) {
                continue;
            }
            String action = lower(Mime.header(r, "Action"));
            String status = StatusCodes.enhancedIn(Mime.header(r, "Status"));
            String diagnostic = diagnostic(Mime.header(r, "Diagnostic-Code"));
            if (diagnostic == null) {
                diagnostic = TextReport.diagnosticFor(explanation, address);
            }
            if (diagnostic == null && finalAddress != null && !finalAddress.equalsIgnoreCase(address)) {
                diagnostic = TextReport.diagnosticFor(explanation, finalAddress);
            }
            // "failure" and "error" are not RFC 3464 actions, but servers write them for "failed".
            boolean failure = action == null ? status != null && status.startsWith("5")
                    : action.startsWith("fail") || action.startsWith("error");
            if (!failure) {
                other.add(action == null ? "unknown" : action);
                continue;
            }
            String code = StatusCodes.mostSpecific(status, StatusCodes.enhancedIn(diagnostic));
            String reply = StatusCodes.replyIn(diagnostic);
            if (reply == null) {
                reply = StatusCodes.replyIn(Mime.header(r, "Status"));
            }
            if (diagnostic == null && code == null) {
                diagnostic = Mime.header(r, "Status"); // "Status: 553 Exceeded maximum inbound message size"
            }
            failed.add(new FailedRecipient(address, action, code, reply, diagnostic));
        }
        return new Result(failed, other);
    }

    private static List<InternetHeaders> groups(byte[] body) throws MessagingException {
        try {
            DeliveryStatus ds = new DeliveryStatus(new ByteArrayInputStream(body));
            List<InternetHeaders> out = new ArrayList<>();
            for (int i = 0; i < ds.getRecipientDSNCount(); i++) {
                out.add(ds.getRecipientDSN(i));
            }
            if (!out.isEmpty()) {
                return out;
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // fall through to the hand split below
        }
        List<InternetHeaders> out = new ArrayList<>();
        for (String block : new String(body, StandardCharsets.UTF_8).replace("\r", "").split("\n\\s*\n")) {
            if (!block.isBlank()) {
                out.add(Mime.headers((block.strip() + "\n\n").getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** "smtp; 550 5.1.1 ..." -> "550 5.1.1 ..." (RFC 3464 diagnostic-type prefix dropped). */
    private static String diagnostic(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        String s = field.trim();
        int semi = s.indexOf(';');
        if (semi > 0 && semi < 12 && s.substring(0, semi).matches("(?i)[a-z0-9-]+")) {
            s = s.substring(semi + 1).trim();
        }
        return s.isEmpty() ? null : s;
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
