package cz.proklik.importer.job;

import cz.proklik.erp.db.Database;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;
import org.testcontainers.utility.DockerImageName;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same import contract on SQL Server 2022. Needs a Docker engine; without one JUnit reports the class as
 * skipped ("Docker is not available"), never as passed.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerImportJobTest extends ImportJobContract {
    @Container
    static final MSSQLServerContainer SQL_SERVER =
            new MSSQLServerContainer(DockerImageName.parse("mcr.microsoft.com/mssql/server:2022-latest")).acceptLicense();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    Database openDatabase(Path home) throws Exception {
        String name = "proklik_import_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(SQL_SERVER.getJdbcUrl(), SQL_SERVER.getUsername(),
                SQL_SERVER.getPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name); // a fixed test name, no data in it
        }
        return Database.open(SQL_SERVER.getJdbcUrl() + ";databaseName=" + name, SQL_SERVER.getUsername(),
                SQL_SERVER.getPassword());
    }

}
