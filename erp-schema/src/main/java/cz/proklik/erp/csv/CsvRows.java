package cz.proklik.erp.csv;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the CSV imports (sends, responses) share: a strict decode of the whole file before anything is written, RFC
 * 4180 rows (opencsv) under a header naming the columns in any order (case-insensitive, a BOM ignored), each row with
 * the physical line it starts on (header = line 1), and the rows refused with their line and reason while the others
 * go through. What a row means is the caller's: it reads the values by column name and throws
 * {@link IllegalArgumentException} with the reason for a row it refuses.
 */
public final class CsvRows {

    /** One data row: its values by column name (stripped, empty = null) and the line it starts on. */
    public static final class Row {
        private final String[] values;
        private final Map<String, Integer> columns;
        private final long line;

        private Row(String[] values, Map<String, Integer> columns, long line) {
            this.values = values;
            this.columns = columns;
            this.line = line;
        }

        /** The physical line the row starts on (header = 1): for messages naming an earlier row. */
        public long line() {
            return line;
        }

        /** The value of a column, or null when the column is absent or the value empty. */
        public String value(String name) {
            Integer index = columns.get(name);
            if (index == null) {
                return null;
            }
            String v = values[index].strip();
            return v.isEmpty() ? null : v;
        }

        /** A UTC ISO-8601 time ({@code 2026-11-25T09:00:00Z}; a value without zone is read as UTC), or null. */
        public Instant time(String name) {
            String v = value(name);
            if (v == null) {
                return null;
            }
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(name + " is not an ISO-8601 time: " + show(v));
                }
            }
        }
    }

    /** Takes one row; throws {@link IllegalArgumentException} (its message is the reason) to refuse it. */
    @FunctionalInterface
    public interface RowHandler {
        void accept(Row row);
    }

    /** The header's rules: the columns known, those required, and other names accepted for a column. */
    public record Header(Set<String> known, List<String> required, Map<String, String> aliases) {
        public Header {
            known = Set.copyOf(known);
            required = List.copyOf(required);
            aliases = Map.copyOf(aliases);
        }
    }

    /** What a read did: data rows (header and blank lines excluded) and the rows refused. */
    public record Outcome(int rows, List<RowError> errors) {
        public Outcome {
            errors = List.copyOf(errors);
        }
    }

    /** A refused row: the line it starts on (header = 1) and why. */
    public record RowError(long line, String reason) {
    }

    private CsvRows() {
    }

    /**
     * Reads the header, then hands every data row to {@code handler} in file order. A row of the wrong width or one
     * the handler refuses is listed with its line; an unbalanced quote ends the read (nothing after it can be trusted
     * as rows).
     *
     * @throws BadHeaderException when the header is missing, unknown or incomplete: no row is read
     */
    public static Outcome read(Reader source, Header rules, RowHandler handler) throws IOException {
        List<RowError> errors = new ArrayList<>();
        int rows = 0;
        try (CSVReader csv = new CSVReaderBuilder(source)
                .withCSVParser(new CSVParserBuilder().withSeparator(',').withQuoteChar('"').build())
                .withKeepCarriageReturn(false)
                .build()) {
            String[] header = readHeader(csv);
            Map<String, Integer> columns = columns(header, rules);
            while (true) {
                long line = csv.getLinesRead() + 1;
                String[] values;
                try {
                    values = csv.readNext();
                } catch (CsvMalformedLineException e) {
                    errors.add(new RowError(line, "not valid CSV (unbalanced quote); the rest of the file is ignored"));
                    break;
                } catch (CsvException e) {
                    errors.add(new RowError(line, "not valid CSV: " + e.getMessage()));
                    continue;
                }
                if (values == null) {
                    break;
                }
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                rows++;
                try {
                    if (values.length != header.length) {
                        throw new IllegalArgumentException("expected " + header.length + " values, found "
                                + values.length);
                    }
                    handler.accept(new Row(values, columns, line));
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(line, e.getMessage()));
                }
            }
        }
        return new Outcome(rows, errors);
    }

    private static Map<String, Integer> columns(String[] header, Header rules) throws BadHeaderException {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            String name = header[i].strip().toLowerCase(Locale.ROOT);
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            name = rules.aliases().getOrDefault(name, name);
            if (!rules.known().contains(name)) {
                throw new BadHeaderException("unknown column '" + header[i] + "' in the header; known: "
                        + rules.known());
            }
            if (columns.put(name, i) != null) {
                throw new BadHeaderException("column '" + name + "' twice in the header");
            }
        }
        for (String required : rules.required()) {
            if (!columns.containsKey(required)) {
                throw new BadHeaderException("required column '" + required + "' missing from the header");
            }
        }
        return columns;
    }

    private static String[] readHeader(CSVReader csv) throws IOException {
        try {
            String[] header = csv.readNext();
            if (header == null) {
                throw new BadHeaderException("empty file: the header row is missing");
            }
            return header;
        } catch (CsvException e) {
            throw new BadHeaderException("header row is not valid CSV: " + e.getMessage());
        }
    }

    /**
     * Decodes the file strictly to its end; the first malformed or unmappable input gives its line and column.
     * A decoder over byte buffers rather than a Reader: a Reader decodes ahead and throws before handing out the
     * characters in front of the bad byte, which would put the line number thousands of lines early.
     *
     * @throws BadEncodingException when the file is not valid in {@code charset}
     */
    public static void checkEncoding(Path csv, Charset charset) throws IOException {
        CharsetDecoder strict = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        long[] position = {1, 1}; // line, column
        try (ReadableByteChannel channel = Files.newByteChannel(csv)) {
            boolean end = false;
            while (true) {
                end = channel.read(in) < 0;
                in.flip();
                CoderResult result;
                do {
                    result = strict.decode(in, out, end);
                    count(out, position);
                } while (result.isOverflow());
                if (result.isError()) {
                    throw new BadEncodingException(position[0], position[1], charset);
                }
                in.compact();
                if (end) {
                    while (strict.flush(out).isOverflow()) {
                        count(out, position);
                    }
                    return;
                }
            }
        }
    }

    private static void count(CharBuffer decoded, long[] position) {
        decoded.flip();
        while (decoded.hasRemaining()) {
            if (decoded.get() == '\n') {
                position[0]++;
                position[1] = 1;
            } else {
                position[1]++;
            }
        }
        decoded.clear();
    }

    /** A value as an error message shows it: quoted, cut at 80 characters, "(empty)" for none. */
    public static String show(String v) {
        if (v == null) {
            return "(empty)";
        }
        return "'" + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + "'";
    }

    /** The file is not text in the charset it was read in: nothing of it is imported. */
    public static class BadEncodingException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        BadEncodingException(long line, long column, Charset charset) {
            super("line " + line + ", character " + column + ": not valid " + charset.name() + " text; nothing was"
                    + " imported" + (charset.equals(StandardCharsets.UTF_8)
                    ? ". A CSV saved by Excel on a Czech Windows is usually windows-1250: try --charset windows-1250"
                    : ""));
            this.line = line;
        }

        /** The line (1 = the header) holding the first character that could not be decoded. */
        public long line() {
            return line;
        }
    }

    /** The header is missing or unusable: nothing of the file is imported. */
    public static class BadHeaderException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadHeaderException(String message) {
            super(message);
        }
    }
}
