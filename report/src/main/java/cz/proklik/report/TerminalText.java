package cz.proklik.report;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The one guard for everything Proklik prints to a terminal. Data (a campaign name, a CSV value, a recipient id)
 * may hold characters a terminal obeys instead of showing: escape sequences (ESC, CSI, OSC), BEL, other C0 and C1
 * controls, a CR or LF that forges a line of its own, and the Unicode bidi overrides and isolates that make text
 * read in another order than it is stored. Each is shown as {@value #REPLACEMENT}.
 * <p>
 * Two layers: {@link #safe} for a value placed in a line of text (it may contain no line break at all), and
 * {@link #guard} around the command line's whole output, so that no command can print such a character even when
 * it forgets {@code safe} (line ends stay; a CR only as part of CRLF).
 */
public final class TerminalText {
    public static final char REPLACEMENT = '?';

    private TerminalText() {
    }

    /** The value with every control, line break and bidi control replaced: safe inside one line of text. */
    public static String safe(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c) || c == '\t' || c == '\n' || c == '\r') {
                if (sb == null) {
                    sb = new StringBuilder(value.length()).append(value, 0, i);
                }
                sb.append(REPLACEMENT);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? value : sb.toString();
    }

    /**
     * Whether a terminal could act on the character rather than show it: C0 controls other than tab and line
     * breaks, DEL, C1 controls (U+0080-009F, which include the 8-bit CSI and OSC), the line and paragraph
     * separators, and the bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069).
     */
    public static boolean isControl(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F)
                || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** A writer that lets no such character through to {@code out}; the CLI wraps its standard output and error. */
    public static PrintWriter guard(Writer out) {
        return new PrintWriter(new Guard(out), true);
    }

    private static final class Guard extends FilterWriter {
        private boolean pendingCr;

        Guard(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (pendingCr) {
                pendingCr = false;
                // A CR that does not end a line would move the cursor back over what was printed.
                out.write(c == '\n' ? '\r' : REPLACEMENT);
            }
            if (c == '\r') {
                pendingCr = true;
            } else {
                out.write(isControl((char) c) ? REPLACEMENT : c);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(buf[i]);
            }
        }

        @Override
        public void write(String s, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(s.charAt(i));
            }
        }

        @Override
        public void flush() throws IOException {
            // A CR held back at a flush is kept until the next character says whether it ends a line.
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (pendingCr) {
                pendingCr = false;
                out.write(REPLACEMENT);
            }
            out.close();
        }
    }
}
