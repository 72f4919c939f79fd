package cz.proklik.sqlguard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SQL Server requires of one batch, beyond the syntax of single statements: a module definition starts its
 * batch (Msg 111), a view is the only statement of its batch, a column added by {@code ALTER TABLE} is not used in
 * the batch that adds it (Msg 207: the batch is compiled before any of it runs), and a {@code MERGE} ends with
 * {@code ;} (Msg 10713).
 */
final class BatchRules {

    private static final Pattern MODULE = Pattern.compile(
            "\\b(?:CREATE\\s+OR\\s+ALTER|CREATE|ALTER)\\s+(VIEW|PROCEDURE|PROC|FUNCTION|TRIGGER|SCHEMA)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "\\bALTER\\s+TABLE\\s+[\\w.\\[\\]\"]+\\s+ADD\\s+(?!CONSTRAINT\\b|PRIMARY\\b|UNIQUE\\b|FOREIGN\\b|CHECK\\b"
                    + "|DEFAULT\\b)\\[?(\\w+)\\]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATEMENT_AT_LINE_START = Pattern.compile(
            "(?m)^(INSERT|UPDATE|DELETE|SELECT|MERGE|CREATE|ALTER|DROP|WITH|DECLARE|SET|EXEC|EXECUTE|IF|BEGIN|GRANT"
                    + "|TRUNCATE)\\b", Pattern.CASE_INSENSITIVE);

    private BatchRules() {
    }

    static List<Problem> check(String file, SqlServerBatches.Batch batch) {
        List<Problem> problems = new ArrayList<>();
        String code = SqlText.code(batch.sql());
        int first = firstCodeOffset(code);
        Matcher module = MODULE.matcher(code);
        while (module.find()) {
            if (module.start() != first) {
                problems.add(new Problem(at(file, batch, code, module.start()), "module-not-first-in-batch",
                        module.group().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT)
                                + " must start its batch: put a GO line before it (Msg 111)"));
            } else if ("VIEW".equalsIgnoreCase(module.group(1))) {
                int end = code.indexOf(';', module.end());
                if (end >= 0 && !code.substring(end + 1).isBlank()) {
                    problems.add(new Problem(at(file, batch, code, end + 1), "view-not-alone-in-batch",
                            "a view must be the only statement of its batch: put a GO line after it"));
                }
            }
        }
        Matcher add = ADD_COLUMN.matcher(code);
        while (add.find()) {
            String column = add.group(1);
            int end = code.indexOf(';', add.end());
            String rest = end < 0 ? "" : code.substring(end + 1);
            Matcher use = Pattern.compile("\\b" + Pattern.quote(column) + "\\b", Pattern.CASE_INSENSITIVE)
                    .matcher(rest);
            if (use.find()) {
                problems.add(new Problem(at(file, batch, code, end + 1 + use.start()), "added-column-used-in-batch",
                        "column " + column + " is added by ALTER TABLE and used in the same batch: put a GO line"
                                + " after the ALTER TABLE (Msg 207)"));
            }
        }
        problems.addAll(mergesWithoutSemicolon(file, batch, code));
        return problems;
    }

    private static List<Problem> mergesWithoutSemicolon(String file, SqlServerBatches.Batch batch, String code) {
        List<Problem> problems = new ArrayList<>();
        int[] depth = SqlText.depths(code);
        int start = 0;
        for (int i = 0; i <= code.length(); i++) {
            boolean endOfStatement = i == code.length() || (code.charAt(i) == ';' && depth[i] == 0);
            if (!endOfStatement) {
                continue;
            }
            String piece = code.substring(start, i);
            String trimmed = piece.stripLeading();
            if (trimmed.regionMatches(true, 0, "MERGE", 0, 5)) {
                int pieceStart = start + (piece.length() - trimmed.length());
                if (i == code.length()) {
                    problems.add(new Problem(at(file, batch, code, pieceStart), "merge-without-semicolon",
                            "a MERGE must end with ; (Msg 10713)"));
                } else {
                    Matcher next = STATEMENT_AT_LINE_START.matcher(trimmed);
                    if (next.find(1)) {
                        problems.add(new Problem(at(file, batch, code, pieceStart + next.start()),
                                "merge-without-semicolon", "a MERGE must end with ; before the next statement"));
                    }
                }
            }
            start = i + 1;
        }
        return problems;
    }

    private static int firstCodeOffset(String code) {
        for (int i = 0; i < code.length(); i++) {
            if (!Character.isWhitespace(code.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    private static String at(String file, SqlServerBatches.Batch batch, String code, int offset) {
        return file + ":" + (batch.line() + SqlText.lineOf(code, offset) - 1);
    }
}
