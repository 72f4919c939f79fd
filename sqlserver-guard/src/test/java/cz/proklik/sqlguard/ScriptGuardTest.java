package cz.proklik.sqlguard;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripts as they are: every SQL Server batch passes, the H2 files hold no GO, the twins are in step. */
class ScriptGuardTest {

    @Test
    void theSqlServerLocationsSplitIntoBatchesSqlServerAccepts() {
        ScriptGuard guard = new ScriptGuard(Project.sqlModule());
        List<Problem> problems = guard.check();

        Console.line("SQL Server script guard: %d files, %d batches (Flyway SQLServerParser), %d problems",
                guard.filesChecked(), guard.batchesChecked(), problems.size());
        assertThat(guard.filesChecked()).as("scripts found under %s", Project.sqlModule()).isGreaterThan(10);
        assertThat(problems).as("what SQL Server would refuse").isEmpty();
    }

    @Test
    void aMigrationWithViewsIsSeveralBatchesOnSqlServer() {
        String twin = ScriptGuard.read(Project.sqlModule().resolve(ScriptGuard.RESOURCES)
                .resolve("vendor/sqlserver/V2_1__pkl_eval_views.sql"));
        // Twelve views, each its own batch: the reason the file cannot be one batch as in migration/.
        assertThat(SqlServerBatches.split(twin)).hasSize(12)
                .allSatisfy(b -> assertThat(SqlText.code(b.sql()).strip()).startsWith("CREATE VIEW"));
    }
}
