package cz.proklik.mailer.preview;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;

/**
 * A UTF-8 text part whose body is encoded quoted-printable once, when it is made ({@link QuotedPrintable}), and kept
 * as those bytes: jakarta.mail writes a part made so as it is, in large writes, instead of encoding the text again
 * each time the message is saved or written.
 */
final class QuotedPrintablePart {
    private QuotedPrintablePart() {
    }

    /** @param subtype {@code plain} or {@code html} */
    static MimeBodyPart of(String text, String subtype) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return new MimeBodyPart(headers, QuotedPrintable.encode(text));
    }
}
