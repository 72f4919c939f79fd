package cz.proklik.tracking.clicklog;

import cz.proklik.tracking.event.TrackingEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Click-log lines as bytes, written straight into one reused array: RFC 4180 quoting, UTF-8, and the CRC-32C column
 * computed over the same bytes. This runs for every request the redirect page answers; the general way (opencsv
 * into a StringWriter, a String, getBytes, and getBytes once more per value for the checksum) copied each line
 * several times. The bytes are exactly what opencsv's CSVWriter wrote (LineEncoderTest compares them).
 *
 * <p>Not thread-safe, and the returned buffer is overwritten by the next call: the writer uses it under its file
 * lock and writes the bytes before it lets go.
 */
final class LineEncoder {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** Printable ASCII: copied as it is; of those, the quote and the comma make CSVWriter quote the value. */
    private static final byte NOT_PLAIN = 0;
    private static final byte PLAIN = 1;
    private static final byte PLAIN_NEEDS_QUOTES = 3; // PLAIN | 2, so that classes can be or-ed
    private static final byte[] ASCII_CLASS = asciiClasses();

    private final String[] values = new String[ClickLogFormat.COLUMNS - 1];
    private final CRC32C crc = new CRC32C();
    private byte[] out = new byte[16 * 1024];
    private int length;
    private byte[] unquoted = new byte[1024];

    /** The lines of {@code events}, numbered from {@code firstSeq} on. */
    ByteBuffer encode(List<TrackingEvent> events, long firstSeq) {
        length = 0;
        long seq = firstSeq;
        for (TrackingEvent event : events) {
            line(seq++, event);
        }
        return ByteBuffer.wrap(out, 0, length);
    }

    private void line(long seq, TrackingEvent event) {
        ClickLogFormat.putRawValues(seq, event, values);
        crc.reset();
        for (String value : values) {
            value(value);
            room(1);
            out[length++] = ',';
        }
        long checksum = crc.getValue();
        room(10);
        for (int i = 7; i >= 0; i--) {
            out[length + i] = HEX[(int) (checksum & 0xf)];
            checksum >>>= 4;
        }
        length += 8;
        out[length++] = '\r';
        out[length++] = '\n';
    }

    /**
     * One value, cleaned ({@link ClickLogFormat#clean}): its UTF-8 bytes into the line and, followed by a 0 byte, into
     * the checksum; quoted if needed.
     */
    private void value(String value) {
        int start = length;
        byte plain = putPlainAscii(value);
        boolean quoted = plain == PLAIN_NEEDS_QUOTES;
        if (plain == NOT_PLAIN) {
            putUtf8(ClickLogFormat.clean(value));
            quoted = needsQuotes(start);
        }
        crc.update(out, start, length - start);
        crc.update(0);
        if (quoted) {
            quote(start);
        }
    }

    /**
     * A value of printable ASCII (every value but a foreign user agent or target) is checked in one pass that also
     * finds whether it needs quotes, then copied in bulk: no cleaning copy, no byte[] per value and no per-character
     * store (those were ~30 % of the encoder's time, bench of session 4). Returns NOT_PLAIN, having written nothing,
     * for anything else.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): exact for the ASCII it is given here
    private byte putPlainAscii(String value) {
        int n = value.length();
        byte found = PLAIN;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            byte kind = c < 0x80 ? ASCII_CLASS[c] : NOT_PLAIN;
            if (kind == NOT_PLAIN) {
                return NOT_PLAIN;
            }
            found |= kind;
        }
        room(n);
        value.getBytes(0, n, out, length);
        length += n;
        return found;
    }

    private void putUtf8(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        room(bytes.length);
        System.arraycopy(bytes, 0, out, length, bytes.length);
        length += bytes.length;
    }

    /** CSVWriter's rule: quote a value holding the quote, the separator or a line break. */
    private boolean needsQuotes(int start) {
        for (int i = start; i < length; i++) {
            byte b = out[i];
            if (b == '"' || b == ',' || b == '\n' || b == '\r') {
                return true;
            }
        }
        return false;
    }

    /** Rewrites the value from {@code start} in quotes, with each quote doubled. */
    private void quote(int start) {
        int n = length - start;
        if (unquoted.length < n) {
            unquoted = new byte[Math.max(n, unquoted.length * 2)];
        }
        System.arraycopy(out, start, unquoted, 0, n);
        length = start;
        room(2 * n + 2);
        out[length++] = '"';
        for (int i = 0; i < n; i++) {
            byte b = unquoted[i];
            if (b == '"') {
                out[length++] = '"';
            }
            out[length++] = b;
        }
        out[length++] = '"';
    }

    private static byte[] asciiClasses() {
        byte[] classes = new byte[0x80];
        for (char c = ' '; c < 0x7f; c++) {
            classes[c] = c == '"' || c == ',' ? PLAIN_NEEDS_QUOTES : PLAIN;
        }
        return classes;
    }

    private void room(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(length + more, out.length * 2));
        }
    }
}
