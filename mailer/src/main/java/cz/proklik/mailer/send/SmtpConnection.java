package cz.proklik.mailer.send;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.util.Properties;

/**
 * One reused SMTP connection (Angus Mail), used by one sending thread only: at most one message is in flight on it.
 * It connects when first needed, checks an idle connection with NOOP before using it again (so a connection the
 * relay dropped while idle is reopened instead of leaving a message in doubt), and reconnects after any failure.
 */
final class SmtpConnection implements AutoCloseable {
    /** After this long without use the connection is checked (NOOP) before the next message. */
    private static final long IDLE_CHECK_NANOS = 2_000_000_000L;

    private final SmtpSettings settings;
    private final Properties properties;
    private final Session session;
    private SMTPTransport transport;
    private long lastUsed;

    SmtpConnection(SmtpSettings settings) {
        this.settings = settings;
        this.properties = settings.sessionProperties();
        this.session = Session.getInstance(properties);
    }

    /** Hands one message over to one recipient, with its own envelope sender (the VERP Return-Path). */
    HandOff send(MimeMessage message, String envelopeFrom, String recipient) {
        try {
            ensureConnected();
        } catch (MessagingException e) {
            closeQuietly();
            return new HandOff.NotConnected(describe(e), e instanceof AuthenticationFailedException);
        }
        Address[] to;
        try {
            to = new Address[] {new InternetAddress(recipient, true)};
        } catch (MessagingException e) {
            return new HandOff.Rejected(553, "not sent: the address is not valid (" + e.getMessage() + ")");
        }
        // Read by SMTPTransport at MAIL FROM; the session (and its properties) belong to this connection alone.
        properties.setProperty("mail." + settings.protocol() + ".from", envelopeFrom);
        try {
            transport.sendMessage(message, to);
            lastUsed = System.nanoTime();
            return new HandOff.Accepted(oneLine(transport.getLastServerResponse()));
        } catch (MessagingException e) {
            HandOff outcome = classify(e);
            if (!(outcome instanceof HandOff.Deferred || outcome instanceof HandOff.Rejected)) {
                closeQuietly();
            } else {
                lastUsed = System.nanoTime();
            }
            return outcome;
        } catch (RuntimeException e) {
            closeQuietly();
            return new HandOff.Unknown(describe(e));
        }
    }

    private void ensureConnected() throws MessagingException {
        if (transport != null && System.nanoTime() - lastUsed > IDLE_CHECK_NANOS && !transport.isConnected()) {
            closeQuietly();
        }
        if (transport == null) {
            SMTPTransport t = (SMTPTransport) session.getTransport(settings.protocol());
            t.connect(settings.host(), settings.port(), settings.username(), settings.password());
            transport = t;
            lastUsed = System.nanoTime();
        }
    }

    /** A reply with its code is a definite answer; anything else (I/O, timeout) leaves the message's fate unknown. */
    static HandOff classify(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            int code = -1;
            String reply = null;
            if (x instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
                reply = a.getMessage();
            } else if (x instanceof SMTPSenderFailedException s) {
                code = s.getReturnCode();
                reply = s.getMessage();
            } else if (x instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
                reply = s.getMessage();
            }
            if (code >= 400 && code < 500) {
                return new HandOff.Deferred(code, oneLine(reply));
            }
            if (code >= 500 && code < 600) {
                return new HandOff.Rejected(code, oneLine(reply));
            }
        }
        return new HandOff.Unknown(describe(e));
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
        return oneLine(m);
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // closing a broken connection: nothing to keep
            }
            transport = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** Whether the relay can be reached and logged in to now (for {@code campaign test}'s early failure). */
    static void check(SmtpSettings settings) throws MessagingException {
        Session s = Session.getInstance(settings.sessionProperties());
        try (Transport t = s.getTransport(settings.protocol())) {
            t.connect(settings.host(), settings.port(), settings.username(), settings.password());
        }
    }
}
