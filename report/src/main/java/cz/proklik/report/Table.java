package cz.proklik.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One table of a report, rendered as aligned text, a CSV section or an HTML table. Every cell carries what a person
 * reads ({@code display}) and what a spreadsheet wants ({@code raw}: the view's value, rates as fractions).
 */
record Table(String key, String title, List<Column> columns, List<List<Cell>> rows, String note) {

    record Column(String key, String header, boolean numeric) {
    }

    record Cell(String display, String raw, boolean fromData) {
        static Cell count(long n) {
            return new Cell(Formats.count(n), Long.toString(n), false);
        }

        static Cell percent(BigDecimal fraction) {
            return new Cell(Formats.percent(fraction), Formats.plain(fraction), false);
        }

        static Cell money(BigDecimal amount, String currency) {
            return new Cell(Formats.money(amount, currency), Formats.plain(amount), false);
        }

        static Cell time(Instant t) {
            return new Cell(Formats.time(t), Formats.plain(t), false);
        }

        /** Text that comes from the database (names, ids, descriptions): escaped or neutralised by each format. */
        static Cell data(String s) {
            return new Cell(Formats.text(s), s == null ? "" : s, true);
        }

        static Cell label(String s) {
            return new Cell(s, s, false);
        }

        static Cell of(String display, String raw) {
            return new Cell(display, raw, false);
        }
    }

    static Builder builder(String key, String title) {
        return new Builder(key, title);
    }

    static final class Builder {
        private final String key;
        private final String title;
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Cell>> rows = new ArrayList<>();
        private String note;

        private Builder(String key, String title) {
            this.key = key;
            this.title = title;
        }

        Builder text(String columnKey, String header) {
            columns.add(new Column(columnKey, header, false));
            return this;
        }

        Builder num(String columnKey, String header) {
            columns.add(new Column(columnKey, header, true));
            return this;
        }

        Builder row(Cell... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalStateException(key + ": " + cells.length + " cells for " + columns.size() + " columns");
            }
            rows.add(List.of(cells));
            return this;
        }

        Builder note(String value) {
            note = value;
            return this;
        }

        Table build() {
            return new Table(key, title, List.copyOf(columns), List.copyOf(rows), note);
        }
    }
}
