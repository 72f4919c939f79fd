package cz.proklik.tracking.clicklog;

import com.opencsv.ICSVParser;
import com.opencsv.RFC4180Parser;
import cz.proklik.tracking.event.TrackingEvent;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a click-log file line by line. Every physical line comes back either as an {@link Entry.Event} or as an
 * {@link Entry.BadLine} with its reason; a bad line never stops the reading and is never returned as data.
 * Memory stays bounded whatever the input: a line is read no further than {@link #MAX_LINE_BYTES}.
 */
public final class ClickLogReader implements Closeable {
    public static final int MAX_LINE_BYTES = 8 * 1024;
    /** How much of a bad line's text is kept for the quarantine. */
    public static final int MAX_RAW_CHARS = 4000;

    public sealed interface Entry {
        long lineNumber();

        record Event(long lineNumber, long seq, TrackingEvent event) implements Entry {
        }

        record BadLine(long lineNumber, BadLineReason reason, String detail, String rawText) implements Entry {
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPos;
    private int bufferEnd;
    private boolean eof;
    private final byte[] line = new byte[MAX_LINE_BYTES + 2];
    private int lineLength;
    private long lineNumber;
    private boolean headerChecked;
    private boolean refused;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private ICSVParser parser = new RFC4180Parser();

    public ClickLogReader(InputStream in) {
        this.in = in;
    }

    public static ClickLogReader open(Path file) throws IOException {
        return new ClickLogReader(Files.newInputStream(file));
    }

    /** The next line's entry, or null at the end of the file. */
    public Entry next() throws IOException {
        while (true) {
            if (refused) {
                return null;
            }
            LineState state = readLine();
            if (state == LineState.END) {
                return null;
            }
            lineNumber++;
            if (!headerChecked) {
                headerChecked = true;
                Entry header = checkHeader(state);
                if (header != null) {
                    refused = true;
                    return header;
                }
                continue;
            }
            return entry(state);
        }
    }

    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private enum LineState { COMPLETE, TOO_LONG, TORN, END }

    private Entry checkHeader(LineState state) {
        if (state == LineState.COMPLETE) {
            try {
                String[] values = parse(decode());
                if (ClickLogFormat.isHeader(values)) {
                    return null;
                }
            } catch (BadLineException e) {
                // reported below
            }
        }
        return new Entry.BadLine(lineNumber, BadLineReason.BAD_HEADER,
                "not a " + ClickLogFormat.VERSION_CELL + " or " + ClickLogFormat.VERSION_CELL_V1
                        + " file: the first line is not their header", rawText());
    }

    private Entry entry(LineState state) {
        if (state == LineState.TORN) {
            return new Entry.BadLine(lineNumber, BadLineReason.TORN, "last line has no line break", rawText());
        }
        if (state == LineState.TOO_LONG) {
            return new Entry.BadLine(lineNumber, BadLineReason.TOO_LONG,
                    "line longer than " + MAX_LINE_BYTES + " bytes", rawText());
        }
        try {
            String[] values = parse(decode());
            TrackingEvent event = ClickLogFormat.fromValues(values);
            return new Entry.Event(lineNumber, ClickLogFormat.seq(values), event);
        } catch (BadLineException e) {
            return new Entry.BadLine(lineNumber, e.reason(), e.getMessage(), rawText());
        }
    }

    private String decode() throws BadLineException {
        try {
            return utf8.decode(ByteBuffer.wrap(line, 0, lineLength)).toString();
        } catch (CharacterCodingException e) {
            throw new BadLineException(BadLineReason.NOT_UTF8, "bytes that are not UTF-8");
        }
    }

    private String[] parse(String text) throws BadLineException {
        try {
            String[] values = parser.parseLineMulti(text);
            if (parser.isPending()) {
                // A quote opened and never closed: the writer never splits a record over lines.
                parser = new RFC4180Parser();
                throw new BadLineException(BadLineReason.NOT_CSV, "unterminated quoted value");
            }
            return values == null ? new String[0] : values;
        } catch (IOException | RuntimeException e) {
            parser = new RFC4180Parser();
            throw new BadLineException(BadLineReason.NOT_CSV, "not RFC 4180 CSV: " + e.getMessage());
        }
    }

    private String rawText() {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line, 0, lineLength));
        String text = chars.toString();
        return text.length() <= MAX_RAW_CHARS ? text : text.substring(0, MAX_RAW_CHARS);
    }

    /**
     * Reads up to the next '\n' into {@link #line} (without the CRLF). A longer line keeps its first
     * MAX_LINE_BYTES bytes and the rest is skipped.
     */
    private LineState readLine() throws IOException {
        lineLength = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (bufferPos == bufferEnd) {
                if (!fill()) {
                    if (!any) {
                        return LineState.END;
                    }
                    return tooLong ? LineState.TOO_LONG : LineState.TORN;
                }
            }
            any = true;
            int start = bufferPos;
            int newline = -1;
            for (int i = start; i < bufferEnd; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            int end = newline < 0 ? bufferEnd : newline;
            int room = MAX_LINE_BYTES - lineLength;
            int take = Math.min(end - start, room);
            System.arraycopy(buffer, start, line, lineLength, take);
            lineLength += take;
            if (end - start > take) {
                tooLong = true;
            }
            if (newline >= 0) {
                bufferPos = newline + 1;
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return tooLong ? LineState.TOO_LONG : LineState.COMPLETE;
            }
            bufferPos = bufferEnd;
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            eof = n < 0;
            if (n == 0) {
                return fill();
            }
            return false;
        }
        bufferPos = 0;
        bufferEnd = n;
        return true;
    }
}
