package cz.proklik.mailer.send;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Properties;

/**
 * A message's MIME bytes made once, before the hand-off, into a plain array, and the message read back from them.
 * Written straight to the SMTP connection, jakarta.mail's quoted-printable encoder pushes every byte of the body
 * one call at a time through the connection's stream chain (line-end and dot-stuffing filters, a synchronized
 * buffer): a third of a sending thread's time in the send benchmark. Read back, the message is "saved" as parsed, so
 * the connection writes its bytes as they are, in large writes, and nothing in it (Message-ID, Date) changes.
 * Angus Mail asks every message for its subject before sending (for its listeners); the subject the mail was made
 * with is kept for that, instead of decoding the encoded header again.
 */
final class EncodedMessage {
    private static final Session SESSION = Session.getInstance(new Properties());

    private EncodedMessage() {
    }

    /** @param subject the message's subject as made (not encoded) */
    static MimeMessage of(MimeMessage message, String subject) throws MessagingException {
        Bytes out = new Bytes();
        try {
            message.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("the message could not be encoded: " + e.getMessage(), e);
        }
        return new Parsed(new SharedByteArrayInputStream(out.buffer, 0, out.length), subject);
    }

    private static final class Parsed extends MimeMessage {
        private final String subject;

        Parsed(SharedByteArrayInputStream bytes, String subject) throws MessagingException {
            super(SESSION, bytes);
            this.subject = subject;
        }

        @Override
        public String getSubject() {
            return subject;
        }
    }

    /** An unsynchronized growing byte array: the encoder writes into it one byte per call. */
    private static final class Bytes extends OutputStream {
        private byte[] buffer = new byte[32 * 1024];
        private int length;

        @Override
        public void write(int b) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            buffer[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (length + len > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + len));
            }
            System.arraycopy(b, off, buffer, length, len);
            length += len;
        }
    }
}
