package cz.proklik.mailer.mint;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.sqlserver.SqlServerSuite;
import cz.proklik.erp.sqlserver.SqlServerTestServer;
import cz.proklik.erp.sqlserver.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;

/**
 * The link-token contract on SQL Server, in a fresh database {@code COLLATE Czech_CI_AS} (what a Czech Helios
 * uses); skipped with a printed reason where no server is found ({@link SqlServerTestServer}).
 */
@SqlServerSuite
class SqlServerLinkTokenTest extends LinkTokenContractTest {
    private ThrowawayDatabase throwaway;
    private Database database;

    @BeforeAll
    void createDatabase() {
        throwaway = SqlServerTestServer.createDatabase("Czech_CI_AS");
        database = throwaway.open();
        SchemaMigrator.of(database).migrate();
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

    @Override
    protected DataSource dataSource() {
        return database.dataSource();
    }
}
