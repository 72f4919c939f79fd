package cz.proklik.mailer.send;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.SocketFactory;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SMTP connection's socket has TCP_NODELAY (Nagle's algorithm capped a connection at ~17 messages/s), for
 * plain, STARTTLS and implicit TLS alike, and a message still goes over TLS with that socket under it.
 */
class SmtpSocketsTest {
    private static SmtpSettings settings(String host, int port, SmtpSettings.Security security) {
        return new SmtpSettings(host, port, security, null, null, 1, Duration.ofSeconds(5), Duration.ofSeconds(10),
                "*", null);
    }

    @Test
    void everySecurityOpensItsSocketsWithTcpNoDelay() throws Exception {
        for (SmtpSettings.Security security : SmtpSettings.Security.values()) {
            SmtpSettings s = settings("relay.example", 25, security);
            Properties p = s.sessionProperties();
            Object factory = p.get("mail." + s.protocol() + ".socketFactory");
            assertThat(factory).as(security.name()).isInstanceOf(SocketFactory.class);
            try (Socket socket = ((SocketFactory) factory).createSocket()) {
                assertThat(socket.getTcpNoDelay()).as(security.name()).isTrue();
            }
        }
    }

    /**
     * GreenMail's own certificate names no host, so the host-name check (on for every TLS connection) would refuse
     * it: a certificate for localhost is made here with the JDK's keytool and handed to GreenMail.
     */
    private static void localhostCertificate(Path dir) throws Exception {
        Path store = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(out).isZero();
        System.setProperty("greenmail.tls.keystore.file", store.toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
    }

    @Test
    void aMessageGoesOverImplicitTlsLayeredOverThatSocket(@TempDir Path dir) throws Exception {
        localhostCertificate(dir);
        GreenMail smtps = new GreenMail(ServerSetupTest.SMTPS.dynamicPort());
        smtps.start();
        try (SmtpConnection c = new SmtpConnection(settings("localhost", smtps.getSmtps().getPort(),
                SmtpSettings.Security.TLS))) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress("shop@example.com"));
            m.setSubject("over TLS");
            m.setText("hello");
            HandOff outcome = c.send(m, "bounces@shop.example.com", "jana@example.com");
            assertThat(outcome).as(outcome.toString()).isInstanceOf(HandOff.Accepted.class);
            assertThat(smtps.getReceivedMessages()).hasSize(1);
            assertThat(smtps.getReceivedMessages()[0].getSubject()).isEqualTo("over TLS");
        } finally {
            smtps.stop();
        }
    }
}
