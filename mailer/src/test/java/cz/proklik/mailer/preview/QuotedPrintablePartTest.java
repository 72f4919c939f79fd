package cz.proklik.mailer.preview;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedPrintablePartTest {
    private static final String TEXT = "Dobrý den, Jano,\n"
            + "Příliš žluťoučký kůň úpěl ďábelské ódy = " + "x".repeat(200) + "\r\n"
            + ".a line starting with a dot\rtrailing spaces   \n"
            + "tab\t\r\n\r\n"
            + "<a href=\"https://r.example.com/c/AbC_-123\">odkaz</a>";

    @Test
    void decodesToTheTextWithEveryLineEndAsCrlf() throws Exception {
        byte[] encoded = QuotedPrintablePart.encode(TEXT);

        byte[] decoded = MimeUtility.decode(new ByteArrayInputStream(encoded), "quoted-printable").readAllBytes();
        assertThat(new String(decoded, StandardCharsets.UTF_8)).isEqualTo(TEXT.replace("\r\n", "\n")
                .replace("\r", "\n").replace("\n", "\r\n"));
    }

    @Test
    void writesOnlyShortAsciiLinesThatSmtpCarriesUnchanged() {
        String encoded = new String(QuotedPrintablePart.encode(TEXT), StandardCharsets.ISO_8859_1);

        assertThat(encoded.chars()).allMatch(c -> c < 128);
        assertThat(encoded.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (String line : encoded.split("\r\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            assertThat(line).as("a dot would be doubled by SMTP").doesNotStartWith(".");
            assertThat(line).as("trailing white space is lost in transit").doesNotEndWith(" ").doesNotEndWith("\t");
        }
    }

    @Test
    void isAUtf8TextPartThatJakartaMailWritesAsEncoded() throws Exception {
        MimeBodyPart part = QuotedPrintablePart.of(TEXT, "html");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.writeTo(out);

        assertThat(part.getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(part.getEncoding()).isEqualTo("quoted-printable");
        assertThat(part.getContent()).isEqualTo(QuotedPrintablePart.withCrlf(TEXT));
        assertThat(out.toString(StandardCharsets.US_ASCII))
                .endsWith(new String(QuotedPrintablePart.encode(TEXT), StandardCharsets.US_ASCII));
    }

    @Test
    void leavesTextWithOnlyCrlfAsItIs() {
        String crlf = "a\r\nb\r\n";
        assertThat(QuotedPrintablePart.withCrlf(crlf)).isSameAs(crlf);
        assertThat(QuotedPrintablePart.withCrlf("a\nb\rc\r\n")).isEqualTo("a\r\nb\r\nc\r\n");
    }
}
