package cz.proklik.mailer.send;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Optional DKIM signing (RFC 6376) for relays that do not sign, with java-utils-mail-dkim
 * ({@code org.simplejavamail:utils-mail-dkim}): rsa-sha256, relaxed/relaxed, the signer's default header list plus
 * To and List-Unsubscribe-Post (RFC 8058 asks that both List-Unsubscribe headers be signed). The signature is made
 * when the message is written to the relay, so it covers exactly the bytes sent.
 *
 * <p>The private key is an RSA key in PKCS#8, PEM ({@code -----BEGIN PRIVATE KEY-----}) or DER, read from a file
 * outside the repository; its public half goes into DNS as {@code {selector}._domainkey.{domain} TXT
 * "v=DKIM1; k=rsa; p=..."}.
 */
public final class DkimSigning {
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    private final String domain;
    private final String selector;
    private final RSAPrivateKey key;

    private DkimSigning(String domain, String selector, RSAPrivateKey key) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
    }

    /**
     * @throws IllegalArgumentException when the key file cannot be read or is not an RSA key in PKCS#8 (the message
     *                                  says which and how to convert one)
     */
    public static DkimSigning of(String domain, String selector, Path keyFile) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(keyFile, "keyFile");
        if (domain.isBlank() || selector.isBlank()) {
            throw new IllegalArgumentException("DKIM signing needs its domain and selector");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new IllegalArgumentException("the DKIM key file " + keyFile + " cannot be read: " + e.getMessage(),
                    e);
        }
        return new DkimSigning(domain.strip(), selector.strip(), rsaKey(bytes, keyFile));
    }

    private static RSAPrivateKey rsaKey(byte[] bytes, Path keyFile) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        byte[] der = bytes;
        if (text.contains("-----BEGIN")) {
            int begin = text.indexOf(PEM_BEGIN);
            int end = text.indexOf(PEM_END);
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException("the DKIM key file " + keyFile + " is PEM but not PKCS#8 ("
                        + PEM_BEGIN + "); convert it: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8.pem");
            }
            try {
                der = Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the DKIM key file " + keyFile + " is not valid PEM", e);
            }
        }
        try {
            PrivateKey k = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            return (RSAPrivateKey) k;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("the DKIM key file " + keyFile + " is not an RSA private key in"
                    + " PKCS#8 (PEM or DER): " + e.getMessage(), e);
        }
    }

    /** The message as it will be signed when written (a copy; the original is not changed). */
    public MimeMessage sign(MimeMessage message) throws MessagingException {
        DkimSigner signer = new DkimSigner(domain, selector, key);
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.setLengthParam(false);
        signer.setCheckDomainKey(false); // no DNS look-up at send time: the operator publishes the record
        signer.addHeaderToSign("To");
        signer.addHeaderToSign("List-Unsubscribe-Post");
        return new Signed(message, signer);
    }

    /** The signed copy keeps the Message-ID made and stored before the hand-off (a save would make a new one). */
    private static final class Signed extends DkimMessage {
        Signed(MimeMessage message, DkimSigner signer) throws MessagingException {
            super(message, signer);
        }

        @Override
        protected void updateMessageID() {
            // the copied Message-ID header stays as it is
        }
    }

    @Override
    public String toString() {
        // Never the key.
        return "DKIM d=" + domain + " s=" + selector;
    }
}
