package cz.proklik.app.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import cz.proklik.erp.check.CheckReport;
import cz.proklik.erp.check.CheckResult;
import cz.proklik.erp.check.CheckStatus;
import cz.proklik.report.TerminalText;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lines of {@code db check} for people (aligned, one line each plus what to do) and for scripts (JSON). */
final class CheckPrinter {
    private static final int MAX_NAME_WIDTH = 36;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckPrinter() {
    }

    static void text(PrintWriter out, CheckReport report) {
        int width = Math.min(MAX_NAME_WIDTH, report.results().stream().mapToInt(r -> r.check().length()).max()
                .orElse(0));
        String indent = " ".repeat(6 + width + 2);
        for (CheckResult r : report.results()) {
            String name = TerminalText.safe(r.check());
            out.println(String.format("%-4s  %-" + width + "s  %s", r.status(), name, TerminalText.safe(r.finding())));
            if (!r.advice().isEmpty()) {
                out.println(indent + (r.status() == CheckStatus.OK ? "note: " : "do: ") + TerminalText.safe(r.advice()));
            }
        }
        out.println("db check: " + summary(report));
        out.flush();
    }

    static void json(PrintWriter out, CheckReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("status", report.worst().name());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(status.name(), report.count(status));
        }
        root.put("counts", counts);
        List<Map<String, String>> checks = report.results().stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("check", r.check());
            m.put("status", r.status().name());
            m.put("finding", r.finding());
            m.put("advice", r.advice());
            return m;
        }).toList();
        root.put("checks", checks);
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    private static String summary(CheckReport report) {
        return report.count(CheckStatus.OK) + " OK, " + report.count(CheckStatus.WARN) + " WARN, "
                + report.count(CheckStatus.FAIL) + " FAIL";
    }
}
