package cz.proklik.erp;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.sqlserver.SqlServerSuite;
import cz.proklik.erp.sqlserver.SqlServerTestServer;
import cz.proklik.erp.sqlserver.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema contract on SQL Server, in a fresh database {@code COLLATE Czech_CI_AS} (what a Czech Helios uses),
 * on the server {@link SqlServerTestServer} finds (an existing one named by environment variables, or a container);
 * skipped with a printed reason where there is none. The stand-in seed is switched on explicitly: on SQL Server it
 * is off by default so it can never reach a real Helios database.
 */
@SqlServerSuite
class SqlServerSchemaTest extends SchemaContractTest {

    private ThrowawayDatabase throwaway;
    private Database database;

    /** The database collation of this run. */
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

    @Test
    void theSuiteRunsInTheCollationAskedForAndIdsAreBinary() {
        assertThat(jdbc.queryForObject("SELECT CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS NVARCHAR(128))",
                String.class)).isEqualTo(collation());
        assertThat(jdbc.queryForList("SELECT c.collation_name FROM sys.columns c WHERE c.name IN (N'campaign_id',"
                + " N'recipient_id', N'link_id', N'variant', N'contact_id', N'order_id') AND c.collation_name IS NOT"
                + " NULL AND OBJECT_NAME(c.object_id) LIKE N'pkl[_]%'", String.class))
                .isNotEmpty().containsOnly("Latin1_General_100_BIN2");
    }
}
