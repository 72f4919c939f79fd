package cz.proklik.erp.csv;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import com.opencsv.exceptions.CsvMalformedLineException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file with a header row naming its columns (any order, case-insensitive, a BOM ignored), comma or — as a
 * Czech Excel saves it — semicolon separated (RFC 4180 quoting, via opencsv): the rows with the line each starts on
 * (header = line 1), and the lines that are not CSV, reported instead of stopping the read. Blank lines are skipped.
 * What a value means is the caller's business; this only cuts the file.
 */
public final class CsvRows {

    /** One data row: its line and its values by lower-case column name (stripped; empty = absent). */
    public record Row(long line, Map<String, String> values) {
        public Row {
            values = Map.copyOf(values);
        }

        /** The value of {@code column}, or null when empty or not in the file. */
        public String get(String column) {
            return values.get(column);
        }
    }

    /** A line that could not be read as a row, and why. */
    public record Problem(long line, String reason) {
    }

    public record Result(List<Row> rows, List<Problem> problems) {
        public Result {
            rows = List.copyOf(rows);
            problems = List.copyOf(problems);
        }
    }

    /** The header is missing or names an unknown, doubled or missing column: nothing of the file can be read. */
    public static final class BadHeaderException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadHeaderException(String message) {
            super(message);
        }
    }

    private CsvRows() {
    }

    /**
     * @param known    every column the file may have
     * @param required the columns it must have
     */
    public static Result read(Reader in, Set<String> known, Collection<String> required) throws IOException {
        BufferedReader buffered = new BufferedReader(in);
        buffered.mark(64 * 1024);
        String first = buffered.readLine();
        if (first == null) {
            throw new BadHeaderException("empty file: the header row is missing (columns: " + required + ")");
        }
        char separator = first.indexOf(';') >= 0 && first.indexOf(',') < 0 ? ';' : ',';
        buffered.reset();
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (CSVReader csv = new CSVReaderBuilder(buffered)
                .withCSVParser(new CSVParserBuilder().withSeparator(separator).withQuoteChar('"').build())
                .withKeepCarriageReturn(false).build()) {
            String[] header = header(csv, known, required);
            while (true) {
                long line = csv.getLinesRead() + 1;
                String[] values;
                try {
                    values = csv.readNext();
                } catch (CsvMalformedLineException e) {
                    // An open quote swallows the rest of the file: nothing after it can be trusted as rows.
                    problems.add(new Problem(line, "not valid CSV (unbalanced quote); the rest of the file is ignored"));
                    break;
                } catch (CsvException e) {
                    problems.add(new Problem(line, "not valid CSV: " + e.getMessage()));
                    continue;
                }
                if (values == null) {
                    break;
                }
                if (values.length == 1 && values[0].isBlank()) {
                    continue;
                }
                if (values.length != header.length) {
                    problems.add(new Problem(line, "expected " + header.length + " values, found " + values.length));
                    continue;
                }
                Map<String, String> byName = new HashMap<>();
                for (int i = 0; i < header.length; i++) {
                    String v = values[i].strip();
                    if (!v.isEmpty()) {
                        byName.put(header[i], v);
                    }
                }
                rows.add(new Row(line, byName));
            }
        }
        return new Result(rows, problems);
    }

    private static String[] header(CSVReader csv, Set<String> known, Collection<String> required) throws IOException {
        String[] raw;
        try {
            raw = csv.readNext();
        } catch (CsvException e) {
            throw new BadHeaderException("header row is not valid CSV: " + e.getMessage());
        }
        if (raw == null) {
            throw new BadHeaderException("empty file: the header row is missing (columns: " + required + ")");
        }
        String[] names = new String[raw.length];
        for (int i = 0; i < raw.length; i++) {
            String name = raw[i].replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw new BadHeaderException("unknown column '" + name + "' in the header; known: " + known);
            }
            for (int j = 0; j < i; j++) {
                if (names[j].equals(name)) {
                    throw new BadHeaderException("column '" + name + "' twice in the header");
                }
            }
            names[i] = name;
        }
        for (String column : required) {
            if (!List.of(names).contains(column)) {
                throw new BadHeaderException("required column '" + column + "' missing from the header");
            }
        }
        return names;
    }
}
