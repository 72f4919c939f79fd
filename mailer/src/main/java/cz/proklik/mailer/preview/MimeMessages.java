package cz.proklik.mailer.preview;

import cz.proklik.mailer.render.Escaping;
import cz.proklik.mailer.render.RenderedMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * The MIME message of a rendered mail (Angus Mail): multipart/alternative with the plain-text and the HTML part
 * in UTF-8, From and To with their names encoded by jakarta.mail (RFC 2047), and the unsubscribe headers of RFC
 * 2369 and RFC 8058 so mail clients offer a one-click unsubscribe through the redirect page's /u link. The preview
 * and the send build it here alike, so the preview is what is sent; the send adds only its own Message-ID (and the
 * test marker for a test message).
 */
public final class MimeMessages {
    /** Marks a message of {@code campaign test} (docs/mailer-sending.md); its subject also carries a tag. */
    public static final String TEST_HEADER = "X-Proklik-Test";

    private static final Session SESSION = Session.getInstance(new Properties());

    /**
     * What a send adds to a rendered mail. {@code messageId} without angle brackets (null: jakarta.mail makes one,
     * as for a preview); {@code unsubscribeMailto} the address of a mailto unsubscribe (null: https only);
     * {@code testTag} the subject prefix of a test message (null: a real one).
     */
    public record Extras(String messageId, String unsubscribeMailto, String testTag) {
        public static final Extras NONE = new Extras(null, null, null);
    }

    private MimeMessages() {
    }

    public static MimeMessage of(RenderedMail mail, Clock clock) throws MessagingException {
        return of(mail, clock, Extras.NONE);
    }

    public static MimeMessage of(RenderedMail mail, Clock clock, Extras extras) throws MessagingException {
        MimeMessage m = extras.messageId() == null ? new MimeMessage(SESSION) : new FixedIdMessage(extras.messageId());
        try {
            m.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.toAddress(),
                    mail.toName() == null || mail.toName().isEmpty() ? null : mail.toName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always there", e);
        }
        m.setSubject(extras.testTag() == null ? mail.subject() : extras.testTag() + " " + mail.subject(), "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        String unsubscribe = "<" + mail.unsubscribeUrl() + ">";
        if (extras.unsubscribeMailto() != null) {
            // The signed token in the subject lets whoever reads that mailbox verify who asked (RFC 2369 mailto).
            String token = mail.unsubscribeUrl().substring(mail.unsubscribeUrl().lastIndexOf('/') + 1);
            unsubscribe += ", <mailto:" + extras.unsubscribeMailto() + "?subject="
                    + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20") + ">";
        }
        m.setHeader("List-Unsubscribe", Escaping.noControls(unsubscribe));
        if (mail.unsubscribeUrl().startsWith("https://")) {
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (extras.testTag() != null) {
            m.setHeader(TEST_HEADER, "yes");
        }
        // Quoted-printable suits any text and keeps every line short; encoded once here (a send does this for
        // every message), so that saving and writing the message need not encode the texts again.
        MimeBodyPart text = QuotedPrintablePart.of(mail.text(), "plain");
        MimeBodyPart html = QuotedPrintablePart.of(mail.html(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    /** Keeps the Message-ID made and stored before the hand-off: jakarta.mail would make a new one on save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }
}
