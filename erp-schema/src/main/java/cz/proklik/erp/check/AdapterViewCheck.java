package cz.proklik.erp.check;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ResultSetExtractor;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Each ERP adapter view: does it answer, with every contract column, how many rows, and which columns are still
 * placeholders. A column is a placeholder when
 * <ul>
 *   <li>the view has rows and the column is NULL in every one of them (what an unmapped
 *       {@code CAST(NULL AS ...)} gives, on either engine), or</li>
 *   <li>the view's stored text still carries a {@code [placeholder]} marker on that column's line (the Helios
 *       scripts mark every unmapped column so; SQL Server keeps the comments, H2 does not).</li>
 * </ul>
 * A view still selecting from the {@code pkl_standin_*} tables is the embedded default's design on H2 and a
 * not-yet-installed adapter on SQL Server.
 */
final class AdapterViewCheck implements DatabaseCheck {
    private static final String SQL_SERVER_DEFINITION = "SELECT OBJECT_DEFINITION(OBJECT_ID(?))";
    private static final String H2_DEFINITION = "SELECT view_definition FROM INFORMATION_SCHEMA.VIEWS "
            + "WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) = ?";
    private static final String ADVICE_BROKEN = "the plug-in cannot read the ERP through it: re-run the adapter "
            + "script (sql/helios-orange|helios-green/adapter-views.sql, sqlcmd -I) or db migrate for the stand-in; "
            + "the contract is in docs/schema.md";

    @Override
    public String name() {
        return "adapter";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        if (context.migrator().currentVersion() == null) {
            return List.of(CheckResult.warn(name(), "the pkl_erp_* views are not installed yet",
                    "run proklik db migrate, then the Helios adapter script (docs/install-sqlserver.md)"));
        }
        List<CheckResult> results = new ArrayList<>();
        for (AdapterView view : AdapterView.values()) {
            results.add(check(context, view));
        }
        return results;
    }

    private CheckResult check(CheckContext context, AdapterView view) {
        String key = name() + " " + view.viewName();
        Set<String> offered;
        long[] counts;
        try {
            offered = context.jdbc().query(view.shapeSql(), columnNames());
            List<String> missing = view.columns().stream().filter(c -> !offered.contains(c)).toList();
            if (!missing.isEmpty()) {
                return CheckResult.fail(key, "lacks the column(s) " + String.join(", ", missing), ADVICE_BROKEN);
            }
            counts = context.jdbc().query(view.countSql(), rs -> {
                rs.next();
                long[] c = new long[view.columns().size() + 1];
                for (int i = 0; i < c.length; i++) {
                    c[i] = rs.getLong(i + 1);
                }
                return c;
            });
        } catch (DataAccessException e) {
            return CheckResult.fail(key, "does not answer: " + DatabaseChecks.rootMessage(e), ADVICE_BROKEN);
        }
        long rows = counts[0];
        String definition = definition(context, view);
        boolean standin = definition != null && definition.toLowerCase(Locale.ROOT).contains("pkl_standin_");
        Set<String> allNull = new LinkedHashSet<>();
        for (int i = 0; rows > 0 && i < view.columns().size(); i++) {
            if (counts[i + 1] == 0) {
                allNull.add(view.columns().get(i));
            }
        }
        PlaceholderMarkers markers = PlaceholderMarkers.find(definition, view.columns());
        String rowText = rows + (rows == 1 ? " row" : " rows");
        if (standin && context.sqlServer()) {
            return CheckResult.warn(key, rowText + " from the stand-in table (the Helios adapter is not installed)",
                    "install sql/helios-orange/adapter-views.sql or sql/helios-green/adapter-views.sql (sqlcmd -I), "
                            + "then run db check again");
        }
        if (!allNull.isEmpty() || markers.any()) {
            return CheckResult.warn(key, rowText + "; placeholders: " + describe(view, allNull, markers),
                    "map them to the customer's columns in the adapter script and re-run it, or accept that "
                            + "reports show no value there");
        }
        if (rows == 0 && !standin) {
            return CheckResult.warn(key, "answers, but has no rows", "check the view's mapping: are these the "
                    + "ERP's tables, and is the login allowed to see their rows?");
        }
        return CheckResult.ok(key, rowText + (standin ? " (the embedded default's stand-in data)"
                : ", every column mapped"));
    }

    private static String describe(AdapterView view, Set<String> allNull, PlaceholderMarkers markers) {
        List<String> parts = new ArrayList<>();
        if (!allNull.isEmpty()) {
            parts.add(String.join(", ", allNull) + " (NULL in every row)");
        }
        List<String> marked = markers.columnsIn(view.columns()).stream().filter(c -> !allNull.contains(c)).toList();
        if (!marked.isEmpty()) {
            parts.add(String.join(", ", marked) + " (marked " + PlaceholderMarkers.MARKER + ")");
        }
        if (markers.otherMarkers() > 0) {
            parts.add(markers.otherMarkers() + " more " + PlaceholderMarkers.MARKER + " marker(s) in its text");
        }
        return String.join("; ", parts);
    }

    /** The view's stored text, or null when the engine will not show it (the check then relies on the data). */
    private static String definition(CheckContext context, AdapterView view) {
        try {
            List<String> found = context.jdbc().queryForList(
                    context.sqlServer() ? SQL_SERVER_DEFINITION : H2_DEFINITION, String.class, view.viewName());
            return found.isEmpty() ? null : found.get(0);
        } catch (DataAccessException e) {
            return null;
        }
    }

    private static ResultSetExtractor<Set<String>> columnNames() {
        return rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            Set<String> names = new LinkedHashSet<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            return names;
        };
    }
}
