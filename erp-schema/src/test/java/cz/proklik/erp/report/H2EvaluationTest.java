package cz.proklik.erp.report;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The evaluation contract on the embedded default: an H2 file database in a temporary home folder. */
class H2EvaluationTest extends EvaluationContractTest {

    @TempDir
    static Path home;

    private Database database;

    @BeforeAll
    void createDatabase() {
        database = Database.embedded(home);
        useDatabase(database.dataSource(), SchemaMigrator.of(database));
    }

    @AfterAll
    void closeDatabase() {
        database.close();
    }
}
