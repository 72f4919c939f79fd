package cz.proklik.erp.report;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.sqlserver.SqlServerSuite;
import cz.proklik.erp.sqlserver.SqlServerTestServer;
import cz.proklik.erp.sqlserver.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The evaluation contract on SQL Server in a fresh database {@code COLLATE Czech_CI_AS}; skipped with a printed
 * reason where no server is found ({@link SqlServerTestServer}).
 */
@SqlServerSuite
class SqlServerEvaluationTest extends EvaluationContractTest {

    private ThrowawayDatabase throwaway;
    private Database database;

    protected String collation() {
        return "Czech_CI_AS";
    }

    @BeforeAll
    void createDatabase() {
        throwaway = SqlServerTestServer.createDatabase(collation());
        database = throwaway.open();
        useDatabase(database.dataSource(), SchemaMigrator.of(database).withStandinSeed(true));
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            database.close();
        }
        if (throwaway != null) {
            throwaway.close();
        }
    }
}
