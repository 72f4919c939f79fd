package cz.proklik.mailer.send;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach the relay: host and port, transport security, optional AUTH, how many connections to keep open
 * (one sending thread each, at most one message in flight on each), and the timeouts of every SMTP step.
 *
 * @param sslTrust hosts whose certificate is trusted without a CA chain ({@code mail.smtp.ssl.trust}: "*" or a
 *                 list), null for the JDK's trust store only
 * @param heloName the name said in EHLO, null for the local host name
 */
public record SmtpSettings(String host, int port, Security security, String username, String password,
                           int connections, Duration connectTimeout, Duration readTimeout, String sslTrust,
                           String heloName) {
    /** Transport security. */
    public enum Security {
        /** Plain SMTP (a relay on the same host or network only). */
        NONE,
        /** STARTTLS when the relay offers it, else plain. */
        STARTTLS_OPTIONAL,
        /** STARTTLS or no send at all. */
        STARTTLS_REQUIRED,
        /** TLS from the first byte (SMTPS, port 465). */
        TLS
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port must be 1..65535: " + port);
        }
        if (connections < 1 || connections > 64) {
            throw new IllegalArgumentException("SMTP connections must be 1..64: " + connections);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        username = username == null || username.isEmpty() ? null : username;
        // Without a user no password either: jakarta.mail would log in as the operating system's user otherwise.
        password = username == null || password == null || password.isEmpty() ? null : password;
    }

    /** The jakarta.mail protocol name: smtps for implicit TLS, else smtp. */
    String protocol() {
        return security == Security.TLS ? "smtps" : "smtp";
    }

    /** The session properties of one connection. */
    Properties sessionProperties() {
        Properties p = new Properties();
        String prefix = "mail." + protocol() + ".";
        p.setProperty(prefix + "host", host);
        p.setProperty(prefix + "port", Integer.toString(port));
        p.setProperty(prefix + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.setProperty(prefix + "timeout", Long.toString(readTimeout.toMillis()));
        p.setProperty(prefix + "writetimeout", Long.toString(readTimeout.toMillis()));
        p.setProperty(prefix + "auth", Boolean.toString(username != null));
        if (security == Security.STARTTLS_OPTIONAL || security == Security.STARTTLS_REQUIRED) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", Boolean.toString(security == Security.STARTTLS_REQUIRED));
        }
        if (security != Security.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        if (sslTrust != null && !sslTrust.isBlank()) {
            p.setProperty(prefix + "ssl.trust", sslTrust);
        }
        if (heloName != null && !heloName.isBlank()) {
            p.setProperty(prefix + "localhost", heloName);
        }
        // TCP_NODELAY on every connection (plain, STARTTLS, TLS): see NoDelaySockets. An object, not a class name,
        // so Properties.put (getProperty would not see it; Angus Mail reads it with get).
        p.put(prefix + "socketFactory", NoDelaySockets.INSTANCE);
        p.setProperty(prefix + "socketFactory.fallback", "false");
        // Every recipient is one message: a refused RCPT must fail that message, not be skipped silently.
        p.setProperty(prefix + "sendpartial", "false");
        return p;
    }

    @Override
    public String toString() {
        // Never the password (a record's toString would print it).
        return host + ":" + port + " " + security + (username == null ? "" : " as " + username) + ", " + connections
                + " connection(s)";
    }
}
