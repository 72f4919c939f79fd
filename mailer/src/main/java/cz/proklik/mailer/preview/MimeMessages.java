package cz.proklik.mailer.preview;

import cz.proklik.mailer.render.RenderedMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;

/**
 * The MIME message of a rendered mail (Angus Mail): multipart/alternative with the plain-text and the HTML part
 * in UTF-8, From and To with their names encoded by jakarta.mail (RFC 2047), and the unsubscribe headers of RFC
 * 2369 and RFC 8058 so mail clients offer a one-click unsubscribe through the redirect page's /u link.
 */
public final class MimeMessages {
    private static final Session SESSION = Session.getInstance(new Properties());

    private MimeMessages() {
    }

    public static MimeMessage of(RenderedMail mail, Clock clock) throws MessagingException {
        MimeMessage m = new MimeMessage(SESSION);
        try {
            m.setFrom(new InternetAddress(mail.fromAddress(), mail.fromName(), "UTF-8"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.toAddress(),
                    mail.toName() == null || mail.toName().isEmpty() ? null : mail.toName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always there", e);
        }
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
        if (mail.unsubscribeUrl().startsWith("https://")) {
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }
}
