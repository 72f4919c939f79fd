package cz.proklik.mailer.preview;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Quoted-printable (RFC 2045, section 6.7) of a text, in UTF-8, in one pass from the text's bytes into one array. Every
 * kind of line end of the text (CRLF, LF, CR) becomes a CRLF line break; any byte but printable ASCII, space and tab
 * is {@code =XX}; a space or tab before a line end is encoded (it would be lost in transit), so is a dot that would
 * start a line; soft line breaks keep every line within 76 characters and never split an {@code =XX}.
 * <p>
 * Written here because the libraries' encoders cost more than the rest of building a message: jakarta.mail's pushes
 * every byte through a chain of output streams one call at a time, and mime4j's {@code QuotedPrintableOutputStream}
 * took 28 % of the sending threads' samples in the send benchmark (16 KB of text and HTML per message). Timed in one
 * run on the same 42 KB text, on a loaded machine: this one 3.6-6.5 ns a byte, mime4j 4.7-8.0, jakarta.mail 11-34
 * (about 90 µs per benchmark message here). jakarta.mail's decoder checks it in the tests.
 */
final class QuotedPrintable {
    private static final int MAX_LINE = 76;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Bytes written as they are (printable ASCII but '=', plus space and tab; the rules above aside). */
    private static final boolean[] LITERAL = new boolean[256];

    static {
        for (int b = 33; b <= 126; b++) {
            LITERAL[b] = b != '=';
        }
        LITERAL[' '] = true;
        LITERAL['\t'] = true;
    }

    private QuotedPrintable() {
    }

    static byte[] encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        // Worst case: every byte as =XX, plus a soft break per 25 of them.
        byte[] out = new byte[in.length * 3 + (in.length / 24 + 1) * 3];
        int o = 0;
        int lineStart = 0;
        int n = in.length;
        for (int i = 0; i < n; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' || b == '\n') {
                o = encodeTrailingBlank(out, o, lineStart);
                out[o++] = '\r';
                out[o++] = '\n';
                lineStart = o;
                if (b == '\r' && i + 1 < n && in[i + 1] == '\n') {
                    i++;
                }
                continue;
            }
            boolean literal = LITERAL[b] && !(b == '.' && o == lineStart);
            int width = literal ? 1 : 3;
            if (o - lineStart + width > MAX_LINE - 1) {
                out[o++] = '=';
                out[o++] = '\r';
                out[o++] = '\n';
                lineStart = o;
                if (b == '.') {
                    literal = false; // a dot now at the start of the new line
                    width = 3;
                }
            }
            if (literal) {
                out[o++] = (byte) b;
            } else {
                out[o++] = '=';
                out[o++] = HEX[b >> 4];
                out[o++] = HEX[b & 0xf];
            }
        }
        o = encodeTrailingBlank(out, o, lineStart);
        return Arrays.copyOf(out, o);
    }

    /**
     * A space or tab that ends the line so far becomes =20 or =09, with a soft break before it when the line would
     * then be too long. Returns the new end.
     */
    private static int encodeTrailingBlank(byte[] out, int o, int lineStart) {
        if (o == lineStart || (out[o - 1] != ' ' && out[o - 1] != '\t')) {
            return o;
        }
        byte blank = out[--o];
        if (o - lineStart + 3 > MAX_LINE) {
            out[o++] = '=';
            out[o++] = '\r';
            out[o++] = '\n';
        }
        out[o++] = '=';
        out[o++] = HEX[blank >> 4];
        out[o++] = HEX[blank & 0xf];
        return o;
    }
}
