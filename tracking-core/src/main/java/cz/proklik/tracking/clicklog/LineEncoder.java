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
        ClickLogFormat.putValues(seq, event, values);
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

    /** One value: its UTF-8 bytes into the line and, each followed by a 0 byte, into the checksum; quoted if needed. */
    private void value(String value) {
        int start = length;
        putUtf8(value);
        crc.update(out, start, length - start);
        crc.update(0);
        if (needsQuotes(start)) {
            quote(start);
        }
    }

    private void putUtf8(String value) {
        int n = value.length();
        room(n);
        // ASCII (every value but a foreign user agent or target) goes straight in, with no byte[] per value: the
        // getBytes copy was ~10 % of the redirect page's Java samples (JFR, session 3).
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                length -= i;
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                room(bytes.length);
                System.arraycopy(bytes, 0, out, length, bytes.length);
                length += bytes.length;
                return;
            }
            out[length++] = (byte) c;
        }
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

    private void room(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(length + more, out.length * 2));
        }
    }
}
