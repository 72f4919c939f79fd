package cz.proklik.bounces.parse;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;

/** The copy of our message that a report returns: an attached message, its headers only, or inline text. */
final class Originals {
    private Originals() {
    }

    static OriginalMessage fromParts(List<Part> leaves) throws MessagingException, IOException {
        for (Part p : leaves) {
            String type = Mime.type(p);
            if (type.equals("message/rfc822") || type.equals("message/global")) {
                return fromMessage(Mime.message(p.getInputStream()));
            }
            if (type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")
                    || type.equals("message/global-headers")) {
                return fromHeaderText(new String(Mime.bytes(p), StandardCharsets.UTF_8));
            }
        }
        return OriginalMessage.NONE;
    }

    static OriginalMessage fromMessage(MimeMessage m) throws MessagingException, IOException {
        StringBuilder text = new StringBuilder();
        Enumeration<String> lines = m.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            text.append(lines.nextElement()).append('\n');
        }
        text.append('\n');
        try {
            for (Part leaf : Mime.leaves(m)) {
                if (Mime.type(leaf).startsWith("text/")) {
                    text.append(Mime.decodedText(leaf)).append('\n');
                }
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            // A truncated copy (many MTAs return only the first kilobytes) still gives its headers.
        }
        return new OriginalMessage(Mime.messageId(Mime.header(m, "Message-ID")),
                Addresses.all(Mime.header(m, "To")), text.toString());
    }

    static OriginalMessage fromHeaderText(String text) {
        if (text.isBlank()) {
            return OriginalMessage.NONE;
        }
        try {
            InternetHeaders h = Mime.headers(text.stripLeading().getBytes(StandardCharsets.UTF_8));
            return new OriginalMessage(Mime.messageId(Mime.header(h, "Message-ID")),
                    Addresses.all(Mime.header(h, "To")), text);
        } catch (MessagingException | RuntimeException e) {
            return new OriginalMessage(null, List.of(), text);
        }
    }

    static OriginalMessage orInline(OriginalMessage attached, String inlineText) {
        return attached != OriginalMessage.NONE ? attached : fromHeaderText(inlineText);
    }
}
