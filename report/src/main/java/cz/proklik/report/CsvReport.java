package cz.proklik.report;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Tables as CSV (RFC 4180, CRLF, via opencsv) for spreadsheets: per table a line with its key ({@code # links}),
 * the header row of column keys, the rows, and an empty line. Values are the views' own (rates as fractions, money
 * with 4 decimals, times ISO-8601 UTC), so a spreadsheet computes with them.
 */
final class CsvReport {
    private CsvReport() {
    }

    static void write(Writer out, List<Table> tables) {
        try {
            ICSVWriter csv = new CSVWriter(out, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                    ICSVWriter.DEFAULT_ESCAPE_CHARACTER, "\r\n");
            boolean first = true;
            for (Table t : tables) {
                if (!first) {
                    out.write("\r\n");
                }
                first = false;
                csv.writeNext(new String[]{"# " + t.key()}, false);
                csv.writeNext(t.columns().stream().map(Table.Column::key).toArray(String[]::new), false);
                for (List<Table.Cell> row : t.rows()) {
                    csv.writeNext(row.stream().map(CsvReport::value).toArray(String[]::new), false);
                }
                csv.flush();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A name like "=HYPERLINK(...)" from the ERP would run as a formula when the file is opened in a spreadsheet
     * (CSV injection); a leading apostrophe makes it text. Only text from the database is touched, never numbers.
     */
    static String value(Table.Cell cell) {
        String v = cell.raw();
        if (cell.fromData() && !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            return "'" + v;
        }
        return v;
    }
}
