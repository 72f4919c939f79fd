package cz.proklik.mailer.mint;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

/** The link-token contract on the embedded H2 (a temp file). */
class H2LinkTokenTest extends LinkTokenContractTest {
    @TempDir
    static Path home;

    private Database database;

    @BeforeAll
    void open() {
        database = Database.embedded(home);
        SchemaMigrator.of(database).migrate();
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Override
    protected DataSource dataSource() {
        return database.dataSource();
    }
}
