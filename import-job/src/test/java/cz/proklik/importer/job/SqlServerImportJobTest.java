package cz.proklik.importer.job;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.sqlserver.SqlServerSuite;
import cz.proklik.erp.sqlserver.SqlServerTestServer;
import cz.proklik.erp.sqlserver.ThrowawayDatabase;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The import contract on SQL Server: each test in a fresh database {@code COLLATE Czech_CI_AS}, all dropped at the
 * end; skipped with a printed reason where no server is found ({@link SqlServerTestServer}).
 */
@SqlServerSuite
class SqlServerImportJobTest extends ImportJobContract {

    private static final List<ThrowawayDatabase> DATABASES = new ArrayList<>();

    protected String collation() {
        return "Czech_CI_AS";
    }

    @Override
    Database openDatabase(Path home) {
        ThrowawayDatabase throwaway = SqlServerTestServer.createDatabase(collation());
        synchronized (DATABASES) {
            DATABASES.add(throwaway);
        }
        return throwaway.open();
    }

    @AfterAll
    static void dropDatabases() {
        synchronized (DATABASES) {
            DATABASES.forEach(ThrowawayDatabase::close);
            DATABASES.clear();
        }
    }
}
