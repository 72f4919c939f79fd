package cz.proklik.erp;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Engine;
import cz.proklik.erp.db.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema contract on the embedded default: a real H2 file database in a temporary home folder. */
class H2SchemaTest extends SchemaContractTest {

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

    @Test
    void embeddedDefaultIsAnH2FileUnderTheHomeFolder() {
        assertThat(database.engine()).isEqualTo(Engine.H2);
        assertThat(database.jdbcUrl()).startsWith("jdbc:h2:file:").contains("MODE=MSSQLServer")
                .contains("DATABASE_TO_LOWER=TRUE");
        assertThat(Files.exists(home.resolve("db").resolve("proklik.mv.db"))).isTrue();
        assertThat(migrator.locations()).containsExactly(SchemaMigrator.COMMON_LOCATION,
                "classpath:db/proklik/vendor/h2", SchemaMigrator.STANDIN_SEED_LOCATION);
    }

    @Test
    void reopeningTheFileKeepsTheSchemaAndAppliesNothing() {
        try (Database second = Database.open(database.jdbcUrl(), "sa", "")) {
            SchemaMigrator.Result result = SchemaMigrator.of(second).migrate();
            assertThat(result.applied()).isEmpty();
            assertThat(result.initialVersion()).isEqualTo(SchemaContractTest.newestVersion(SchemaMigrator.of(second)));
        }
    }

    @Test
    void engineIsPickedFromTheJdbcUrl() {
        assertThat(Engine.fromJdbcUrl("jdbc:sqlserver://erp:1433;databaseName=Helios")).isEqualTo(Engine.SQL_SERVER);
        assertThat(Engine.fromJdbcUrl(Database.embeddedUrl(home))).isEqualTo(Engine.H2);
        assertThat(Engine.SQL_SERVER.vendorLocation()).isEqualTo("classpath:db/proklik/vendor/sqlserver");
    }
}
