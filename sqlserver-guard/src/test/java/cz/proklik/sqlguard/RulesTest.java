package cz.proklik.sqlguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule on a small script or statement: it fires on what SQL Server refuses and stays quiet on what it runs. */
class RulesTest {

    private static List<String> batchRules(String script) {
        return SqlServerBatches.split(script).stream()
                .flatMap(b -> BatchRules.check("t.sql", b).stream()).map(Problem::rule).toList();
    }

    private static List<String> dialect(String sql) {
        return DialectRules.check("t", sql).stream().map(Problem::rule).toList();
    }

    @Test
    void aViewAfterATableInOneBatchIsRefusedAndAGoFixesIt() {
        String table = "CREATE TABLE t (a INT);\n";
        String view = "-- the view\nCREATE VIEW v AS SELECT a FROM t;\n";
        assertThat(batchRules(table + view)).containsExactly("module-not-first-in-batch");
        assertThat(batchRules(table + "GO\n" + view)).isEmpty();
        assertThat(batchRules(view + "CREATE VIEW w AS SELECT a FROM t;\n"))
                .contains("module-not-first-in-batch", "view-not-alone-in-batch");
        assertThat(batchRules("SET NOCOUNT ON;\nCREATE OR ALTER PROCEDURE p AS SELECT 1;\n"))
                .containsExactly("module-not-first-in-batch");
        assertThat(batchRules("CREATE TABLE s (a INT);\nCREATE SCHEMA proklik;\n"))
                .containsExactly("module-not-first-in-batch");
    }

    @Test
    void aColumnAddedAndUsedInOneBatchIsRefusedAndAGoFixesIt() {
        String add = "ALTER TABLE pkl_agg_attribution ADD revenue_net DECIMAL(19,4) DEFAULT 0 NOT NULL;\n";
        String use = "UPDATE pkl_agg_attribution SET revenue_net = net_amount;\n";
        assertThat(batchRules(add + use)).containsExactly("added-column-used-in-batch");
        assertThat(batchRules(add + "GO\n" + use)).isEmpty();
        // Named only in a comment or a string: not a use.
        assertThat(batchRules(add + "-- revenue_net is filled later\nINSERT INTO x VALUES ('revenue_net');\n"))
                .isEmpty();
        assertThat(batchRules("ALTER TABLE t ADD CONSTRAINT ck_t CHECK (a > 0);\nUPDATE t SET a = 1;\n")).isEmpty();
    }

    @Test
    void aMergeMustEndWithASemicolon() {
        String merge = "MERGE INTO t USING (SELECT 1 AS a) s ON t.a = s.a\n"
                + "    WHEN NOT MATCHED THEN INSERT (a) VALUES (s.a)";
        assertThat(batchRules(merge + "\n")).containsExactly("merge-without-semicolon");
        assertThat(batchRules(merge + "\nUPDATE t SET a = 2;\n")).containsExactly("merge-without-semicolon");
        assertThat(batchRules(merge + ";\nUPDATE t SET a = 2;\n")).isEmpty();
        assertThat(dialect(merge)).containsExactly("merge-without-semicolon");
        assertThat(dialect(merge + ";")).isEmpty();
    }

    @Test
    void adapterTextIsCastWithACollationAndIdsWithTheBinaryOne() {
        String ok = "SELECT CAST(k.ID AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS contact_id,\n"
                + "       CAST(N'O' + CAST(h.ID AS NVARCHAR(20)) AS NVARCHAR(64)) COLLATE Latin1_General_100_BIN2 AS order_id,\n"
                + "       CAST(k.Jmeno AS NVARCHAR(100)) COLLATE DATABASE_DEFAULT AS first_name FROM k";
        assertThat(ScriptGuard.adapterCollations("a.sql", ok)).isEmpty();
        assertThat(ScriptGuard.adapterCollations("a.sql", "SELECT CAST(k.Jmeno AS NVARCHAR(100)) AS first_name"))
                .extracting(Problem::rule).containsExactly("adapter-text-without-collate");
        assertThat(ScriptGuard.adapterCollations("a.sql",
                "SELECT CAST(k.ID AS NVARCHAR(64)) COLLATE DATABASE_DEFAULT AS contact_id"))
                .extracting(Problem::rule).containsExactly("adapter-id-not-binary");
    }

    @Test
    void twinsAreComparedOnTheirStatementsNotTheirGoLinesOrComments() {
        String h2 = "-- H2 variant\nALTER TABLE t ADD a INT;\n\nUPDATE t SET a = 1;\n";
        assertThat(ScriptGuard.statementLines("-- SQL Server variant\nALTER TABLE t ADD a INT;\nGO\n"
                + "-- why the GO\nUPDATE t SET a = 1;\n")).isEqualTo(ScriptGuard.statementLines(h2));
        assertThat(ScriptGuard.statementLines("ALTER TABLE t ADD a INT;\nGO\nUPDATE t SET a = 2;\n"))
                .isNotEqualTo(ScriptGuard.statementLines(h2));
    }

    @Test
    void aTableMadeAfter28DeclaresTheBinaryCollationOfItsIdsOnSqlServer() {
        assertThat(ScriptGuard.idCollations("V4.sql", "CREATE TABLE t (\n    campaign_id NVARCHAR(64) NOT NULL,\n"
                + "    email NVARCHAR(320) NULL)")).extracting(Problem::rule).containsExactly("id-column-not-binary");
        assertThat(ScriptGuard.idCollations("V4.sql", "CREATE TABLE t (\n    campaign_id NVARCHAR(64) COLLATE"
                + " Latin1_General_100_BIN2 NOT NULL, email NVARCHAR(320) NULL)")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', textBlock = """
            SELECT a FROM t LIMIT 10 # limit
            SELECT a FROM t ORDER BY a LIMIT ? # limit
            SELECT a || b FROM t # concat-operator
            UPDATE t SET done = TRUE # boolean-literal
            SELECT a FROM t WHERE flag = false # boolean-literal
            SELECT a FROM t OFFSET 5 ROWS # offset-without-order-by
            SELECT a FROM t FETCH FIRST 5 ROWS ONLY # fetch-without-offset
            SELECT a > 0 AS positive FROM t # boolean-in-select-list
            SELECT a, b IS NULL AS missing FROM t # boolean-in-select-list
            SELECT x FROM (SELECT a IN (1, 2) AS x FROM t) s # boolean-in-select-list
            SELECT LEFT(a, 3) AS p, COUNT(*) AS n FROM t GROUP BY p # group-by-alias
            CREATE VIEW v AS SELECT a FROM t ORDER BY a # order-by-in-view
            SELECT a FROM t ORDER BY a NULLS LAST # nulls-first-last
            SELECT IFNULL(a, 0) FROM t # ifnull-nvl
            SELECT a FROM t WHERE d < NOW() # now
            INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING # upsert-clause
            SELECT a::int FROM t # postgres-cast
            SELECT TOP ? a FROM t # top-without-parentheses
            SELECT LENGTH(a) FROM t # length-function
            SELECT GREATEST(a, b) FROM t # newer-than-2017
            ALTER TABLE t ADD COLUMN b INT # add-column-keyword
            CREATE TABLE IF NOT EXISTS t (a INT) # if-not-exists
            SELECT a FROM t FOR UPDATE # for-update
            SELECT a FROM PKL_EVENT # object-name-case
            SELECT a FROM pkl_Event # object-name-case
            """)
    void whatSqlServerRefusesIsReported(String sql, String rule) {
        assertThat(dialect(sql)).contains(rule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '"', textBlock = """
            SELECT TOP (?) a FROM t ORDER BY a
            SELECT a FROM t ORDER BY a OFFSET ? ROWS FETCH NEXT ? ROWS ONLY
            SELECT a + N'||' FROM t -- LIMIT 5 TRUE
            SELECT CASE WHEN a > 0 AND b IS NULL THEN 1 ELSE 0 END AS positive FROM t
            SELECT IIF(a > 0, 1, 0) AS positive, COUNT(*) AS n FROM t WHERE a IN (1, 2) GROUP BY IIF(a > 0, 1, 0)
            SELECT t.a AS a, COUNT(*) AS n FROM t GROUP BY a
            SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a) AND b BETWEEN 1 AND 2
            SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY b) AS rn FROM t
            CREATE VIEW v AS SELECT a, ROW_NUMBER() OVER (ORDER BY a) AS rn FROM t
            SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM t WITH (UPDLOCK, HOLDLOCK) WHERE a = ?)
            DELETE TOP (?) FROM t WHERE a < ?
            SELECT job_instance_id FROM PKL_BATCH_JOB_INSTANCE WHERE job_name = ?
            SELECT x.a FROM (SELECT a FROM t UNION ALL SELECT b FROM u) x GROUP BY x.a
            """)
    void whatSqlServerRunsIsNotReported(String sql) {
        assertThat(DialectRules.check("t", sql)).isEmpty();
    }
}
