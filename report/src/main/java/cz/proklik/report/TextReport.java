package cz.proklik.report;

import java.io.PrintWriter;
import java.util.List;

/**
 * Tables as aligned plain text for a terminal or a log: numbers right-aligned, text left; every value through
 * {@link TerminalText#safe}, so data can neither break a line nor steer the terminal.
 */
final class TextReport {
    private TextReport() {
    }

    static void write(PrintWriter out, List<Table> tables) {
        for (Table t : tables) {
            write(out, t);
            out.println();
        }
        out.flush();
    }

    static void write(PrintWriter out, Table t) {
        out.println(t.title());
        out.println("-".repeat(Math.min(100, t.title().length())));
        int n = t.columns().size();
        int[] width = new int[n];
        for (int i = 0; i < n; i++) {
            width[i] = t.columns().get(i).header().length();
            for (List<Table.Cell> row : t.rows()) {
                width[i] = Math.max(width[i], TerminalText.safe(row.get(i).display()).length());
            }
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < n; i++) {
            pad(header, t.columns().get(i).header(), width[i], t.columns().get(i).numeric(), i == n - 1);
        }
        out.println(header.toString().stripTrailing());
        for (List<Table.Cell> row : t.rows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                pad(line, TerminalText.safe(row.get(i).display()), width[i], t.columns().get(i).numeric(), i == n - 1);
            }
            out.println(line.toString().stripTrailing());
        }
        if (t.note() != null) {
            out.println(t.note());
        }
    }

    private static void pad(StringBuilder sb, String s, int width, boolean right, boolean last) {
        String fill = " ".repeat(width - s.length());
        sb.append(right ? fill + s : s + fill);
        if (!last) {
            sb.append("  ");
        }
    }
}
