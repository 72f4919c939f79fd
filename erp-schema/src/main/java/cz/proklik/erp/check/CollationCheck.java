package cz.proklik.erp.check;

import java.util.List;
import java.util.Locale;

/**
 * Whether ids that differ only in case stay apart. Tracking-link ids are {@code [A-Za-z0-9._:-]}; a case-insensitive
 * collation (Czech_CI_AS, SQL_Latin1_General_CP1_CI_AS: what most Helios databases use) makes {@code abc} and
 * {@code ABC} one recipient. The comparison is asked of the database itself, so the answer holds whatever the
 * collation's name says; on SQL Server the collation of {@code pkl_event.recipient_id} is read too, because an
 * id column may carry a binary collation of its own.
 */
final class CollationCheck implements DatabaseCheck {
    private static final String FOLDS_CASE = "SELECT CASE WHEN N'a' = N'A' THEN 1 ELSE 0 END";
    private static final String DATABASE_COLLATION =
            "SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS NVARCHAR(128))";
    private static final String ID_COLUMN_COLLATION = "SELECT collation_name FROM sys.columns "
            + "WHERE object_id = OBJECT_ID(N'pkl_event') AND name = N'recipient_id'";

    @Override
    public String name() {
        return "collation";
    }

    @Override
    public List<CheckResult> run(CheckContext context) {
        boolean foldsCase = context.jdbc().queryForObject(FOLDS_CASE, Integer.class) == 1;
        if (!context.sqlServer()) {
            return List.of(foldsCase
                    ? CheckResult.warn(name(), "this H2 database compares text case-insensitively",
                            "ids differing only in case are one id here; the embedded default is case-sensitive, "
                                    + "so check IGNORECASE in the JDBC URL")
                    : CheckResult.ok(name(), "H2 compares text case-sensitively: ids stay as in the links"));
        }
        String collation = context.jdbc().queryForObject(DATABASE_COLLATION, String.class);
        if (!foldsCase) {
            return List.of(CheckResult.ok(name(), "database collation " + collation
                    + " is case-sensitive: ids stay as in the links"));
        }
        String idCollation = context.jdbc().queryForList(ID_COLUMN_COLLATION, String.class).stream()
                .findFirst().orElse(null);
        if (idCollation != null && caseSensitive(idCollation)) {
            return List.of(CheckResult.ok(name(), "database collation " + collation + " is case-insensitive; "
                    + "Proklik's id columns use " + idCollation + ", so ids stay as in the links"));
        }
        return List.of(CheckResult.warn(name(), "database collation " + collation + " is case-insensitive"
                        + (idCollation == null ? "" : ", and so are Proklik's id columns (" + idCollation + ")"),
                "ids that differ only in case (abc, ABC) count as one campaign or recipient here: harmless for "
                        + "Helios's numeric contact ids; a mailer with mixed-case ids should use one case"));
    }

    /** Binary (_BIN, _BIN2) and case-sensitive (_CS_) collations tell {@code a} from {@code A}. */
    static boolean caseSensitive(String collation) {
        String c = collation.toUpperCase(Locale.ROOT);
        return c.contains("_BIN") || c.contains("_CS");
    }
}
