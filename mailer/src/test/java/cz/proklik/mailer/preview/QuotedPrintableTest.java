package cz.proklik.mailer.preview;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The encoder against jakarta.mail's decoder and the rules of RFC 2045 that a relay or a reader relies on. */
class QuotedPrintableTest {
    private static final String TEXT = "Dobrý den, Jano,\n"
            + "Příliš žluťoučký kůň úpěl ďábelské ódy = " + "x".repeat(200) + "\r\n"
            + ".a line starting with a dot\rtrailing spaces   \n"
            + "tab\t\r\n\r\n"
            + "<a href=\"https://r.example.com/c/AbC_-123\">odkaz</a> 🙂 ";

    @Test
    void decodesToTheTextWithEveryLineEndAsCrlf() throws Exception {
        assertRoundTripAndRules(TEXT);
    }

    /** Random texts of the characters that need care, in random runs: what no list of examples covers. */
    @Test
    void randomTextsDecodeToThemselvesAndKeepTheRules() throws Exception {
        String[] pieces = {" ", "\t", "\r", "\n", "\r\n", ".", "=", "a", "Ž", "ů", "🙂", "x".repeat(70), "  ", "\u007f",
            "\u0001", "=20", "<a href=\"x\">"};
        Random random = new Random(20261203);
        for (int t = 0; t < 3000; t++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            assertRoundTripAndRules(b.toString());
        }
    }

    @Test
    void isAUtf8TextPartThatJakartaMailWritesAsEncoded() throws Exception {
        MimeBodyPart part = QuotedPrintablePart.of(TEXT, "html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);

        assertThat(part.getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(part.getEncoding()).isEqualTo("quoted-printable");
        assertThat(part.getContent()).isEqualTo(withCrlf(TEXT));
        assertThat(out.toString(StandardCharsets.US_ASCII))
                .endsWith(new String(QuotedPrintable.encode(TEXT), StandardCharsets.US_ASCII));
    }

    private static void assertRoundTripAndRules(String text) throws Exception {
        byte[] encoded = QuotedPrintable.encode(text);

        byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable").readAllBytes();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).as(text).isEqualTo(withCrlf(text));
        String ascii = new String(encoded, StandardCharsets.ISO_8859_1);
        assertThat(ascii.chars()).as(ascii).allMatch(c -> c == '\r' || c == '\n' || c == '\t' || (c >= 32 && c < 127));
        assertThat(ascii.replace("\r\n", "")).as("a lone CR or LF").doesNotContain("\r").doesNotContain("\n");
        for (String line : ascii.split("\r\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            assertThat(line).as("a dot would be doubled by SMTP").doesNotStartWith(".");
            assertThat(line).as("trailing white space is lost in transit").doesNotEndWith(" ").doesNotEndWith("\t");
        }
    }

    private static String withCrlf(String text) {
        return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }
}
