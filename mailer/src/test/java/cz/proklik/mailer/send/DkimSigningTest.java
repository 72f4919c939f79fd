package cz.proklik.mailer.send;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import cz.proklik.erp.mailing.delivery.Delivery;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DKIM signing for relays that do not sign: what the relay received verifies with an independent verifier (Apache
 * James jDKIM) given the public key record a receiver would find in DNS; a changed body does not. The key is made
 * here, never stored in the repository.
 */
class DkimSigningTest {
    @TempDir
    Path dir;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private KeyPair keys;

    @BeforeEach
    void start() throws Exception {
        smtp.start();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    /** The TXT record of mail2026._domainkey.shop.example.com, as DNS would give it; nothing for other names. */
    private PublicKeyRecordRetriever dns() {
        String record = "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
        return (method, selector, token) -> "mail2026".contentEquals(selector)
                && "shop.example.com".contentEquals(token) ? List.of(record) : List.of();
    }

    private boolean verifies(byte[] raw) {
        try {
            List<SignatureRecord> valid = new DKIMVerifier(dns()).verify(new ByteArrayInputStream(raw));
            return valid != null && !valid.isEmpty();
        } catch (FailException e) {
            return false;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private Path pemKey() throws Exception {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded());
        return Files.writeString(dir.resolve("dkim.pem"), "-----BEGIN PRIVATE KEY-----\n" + b64
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    }

    @Test
    void everyMessageTheRelayReceivedVerifiesAndAChangedBodyDoesNot() throws Exception {
        DkimSigning dkim = DkimSigning.of("shop.example.com", "mail2026", pemKey());
        SendSettings base = SendFixture.settings(1);
        SendSettings signing = new SendSettings(base.messageIdDomain(), base.bounceBox(), base.bounceDomain(),
                base.unsubscribeMailto(), base.lease(), base.heartbeat(), base.maxInDoubt(), base.testTag(), dkim);
        try (SendFixture f = new SendFixture(dir.resolve("db"), 12, "https://t.example.com")) {
            CampaignSender.Result result = f.sender(SendFixture.smtp(smtp.getSmtp().getPort(), 2), signing,
                    Pacing.unthrottled(1, Duration.ofSeconds(1), Clock.systemUTC()), s -> { }).run(f.recipients);
            assertThat(result).isInstanceOf(CampaignSender.Result.Finished.class);
            MimeMessage[] received = smtp.getReceivedMessages();
            assertThat(received).hasSize(f.mailed().size());
            for (MimeMessage m : received) {
                String signature = m.getHeader("DKIM-Signature", null);
                assertThat(signature).contains("d=shop.example.com").contains("s=mail2026")
                        .contains("a=rsa-sha256").contains("c=relaxed/relaxed");
                String signedHeaders = signature.replaceAll("\\s+", "").replaceAll("(?s).*;h=([^;]*);.*", "$1")
                        .toLowerCase();
                assertThat(signedHeaders.split(":")).contains("from", "to", "subject", "message-id",
                        "list-unsubscribe", "list-unsubscribe-post");
                byte[] raw = raw(m);
                assertThat(verifies(raw)).as("signature of %s verifies", m.getMessageID()).isTrue();

                // The Message-ID stored before the hand-off is still the one sent (signing copies the message).
                String to = ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress();
                Delivery d = f.deliveries.byCampaign(SendFixture.CAMPAIGN).stream()
                        .filter(x -> x.email().equalsIgnoreCase(to)).findFirst().orElseThrow();
                assertThat(m.getMessageID()).isEqualTo("<" + d.messageId() + ">");
            }

            // One changed character of the body breaks the signature.
            String text = new String(raw(received[0]), StandardCharsets.ISO_8859_1);
            int body = text.indexOf("\r\n\r\n");
            int at = text.indexOf("e", body + 200);
            String changed = text.substring(0, at) + "x" + text.substring(at + 1);
            assertThat(verifies(changed.getBytes(StandardCharsets.ISO_8859_1))).isFalse();
        }
    }

    @Test
    void aDerKeyWorksAndAKeyThatIsNotPkcs8IsRefusedSayingHowToConvertIt() throws Exception {
        Path der = Files.write(dir.resolve("dkim.der"), keys.getPrivate().getEncoded());
        assertThat(DkimSigning.of("shop.example.com", "mail2026", der)).hasToString("DKIM d=shop.example.com"
                + " s=mail2026");
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n"
                + "-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> DkimSigning.of("shop.example.com", "mail2026", pkcs1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> DkimSigning.of("shop.example.com", "mail2026", dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be read");
    }
}
