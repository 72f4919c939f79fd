package cz.proklik.erp;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same contract on SQL Server 2022 in a container. Needs a Docker engine; without one JUnit reports the class
 * as skipped ("disabledWithoutDocker"), not failed. The stand-in seed is switched on explicitly: on SQL Server it
 * is off by default so it can never reach a real Helios database.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerSchemaTest extends SchemaContractTest {

    @Container
    static final MSSQLServerContainer SQL_SERVER =
            new MSSQLServerContainer(DockerImageName.parse("mcr.microsoft.com/mssql/server:2022-latest"))
                    .acceptLicense();

    private Database database;

    @BeforeAll
    void createDatabase() {
        database = Database.open(SQL_SERVER.getJdbcUrl(), SQL_SERVER.getUsername(), SQL_SERVER.getPassword());
        useDatabase(database.dataSource(), SchemaMigrator.of(database).withStandinSeed(true));
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
