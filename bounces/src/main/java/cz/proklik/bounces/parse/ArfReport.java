package cz.proklik.bounces.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An RFC 5965 {@code message/feedback-report} part: the feedback type and the reported recipients. */
final class ArfReport {
    private ArfReport() {
    }

    static ParsedMessage read(MessageInfo info, Part part, OriginalMessage original)
            throws MessagingException, IOException {
        InternetHeaders h = Mime.headers(Mime.bytes(part));
        String type = Mime.header(h, "Feedback-Type");
        List<String> recipients = new ArrayList<>();
        String[] rcpts = h.getHeader("Original-Rcpt-To");
        if (rcpts != null) {
            for (String r : rcpts) {
                String a = Addresses.first(r);
                if (a != null && !recipients.contains(a)) {
                    recipients.add(a);
                }
            }
        }
        if (recipients.isEmpty()) {
            recipients.addAll(original.to());
        }
        return new ParsedMessage.Complaint(info, type == null ? "abuse" : type.trim().toLowerCase(Locale.ROOT),
                recipients, original);
    }
}
