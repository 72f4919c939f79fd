package cz.proklik.erp.report;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same evaluation contract on SQL Server 2022 in a container. Needs a Docker engine; without one JUnit reports
 * the class as skipped ("disabledWithoutDocker"), not failed.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerEvaluationTest extends EvaluationContractTest {

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
