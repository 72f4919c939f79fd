package cz.proklik.mailer.send;

/**
 * Names jakarta.mail's stream provider (Angus Mail's) in the system property jakarta.mail looks at first. Without
 * it jakarta.mail 2.1 searches the class path with a ServiceLoader each time it makes a body part, encodes or
 * decodes a header or writes a part (jakartaee/mail-api#699, #861): several times per message, a fifth of a
 * sending thread's time in the send benchmark. The property names the provider that search finds anyway; a value
 * set already (by an operator) is kept.
 */
final class MailStreams {
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreams() {
    }

    static void pinProvider() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
