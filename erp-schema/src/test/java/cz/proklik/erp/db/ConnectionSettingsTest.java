package cz.proklik.erp.db;

import com.microsoft.sqlserver.jdbc.SQLServerDriver;
import com.zaxxer.hikari.HikariConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.DriverPropertyInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings every SQL Server connection gets (review findings 7 and 20). No SQL Server runs here, so this checks
 * the pool's configuration and what mssql-jdbc itself makes of it: its {@code getPropertyInfo} merges the URL with
 * the properties the pool hands over, exactly as {@code connect} does.
 */
class ConnectionSettingsTest {

    private static final String URL = "jdbc:sqlserver://erp.example:1433;databaseName=Helios;encrypt=true";

    @Test
    void everySqlServerConnectionTurnsNocountOffAndNamesItselfWithTheLockTimeout() throws Exception {
        HikariConfig pool = Database.poolConfig(URL, "pkl", "pw", new ConnectionOptions(Duration.ofSeconds(15)));

        assertThat(pool.getConnectionInitSql()).isEqualTo("SET NOCOUNT OFF");
        Map<String, String> driverSees = driverProperties(pool);
        assertThat(driverSees).containsEntry("applicationName", "Proklik").containsEntry("lockTimeout", "15000")
                .containsEntry("databaseName", "Helios");
    }

    @Test
    void zeroWaitsForEverAndTheUrlsOwnValuesWin() throws Exception {
        assertThat(driverProperties(Database.poolConfig(URL, "u", "p", new ConnectionOptions(Duration.ZERO))))
                .containsEntry("lockTimeout", "-1");
        HikariConfig own = Database.poolConfig(URL + ";applicationName=HeliosJobs;LOCKTIMEOUT=5000", "u", "p",
                ConnectionOptions.DEFAULTS);
        assertThat(driverProperties(own)).containsEntry("applicationName", "HeliosJobs").containsEntry("lockTimeout", "5000");
    }

    @Test
    void aUrlAskingForBulkCopyInsertsIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> Database.open(URL + ";password=Tajne;useBulkCopyForBatchInsert=true", "u", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("useBulkCopyForBatchInsert").hasMessageContaining("per-row counts")
                .hasMessageNotContaining("Tajne");
        assertThat(Database.poolConfig(URL + ";useBulkCopyForBatchInsert=false", "u", "p", ConnectionOptions.DEFAULTS)
                .getConnectionInitSql()).isEqualTo("SET NOCOUNT OFF");
    }

    @Test
    void aNegativeLockTimeoutIsRefused() {
        assertThatThrownBy(() -> new ConnectionOptions(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lock timeout");
    }

    @Test
    void theEmbeddedH2KeepsItsOwnDefaults(@TempDir Path home) {
        HikariConfig pool = Database.poolConfig(Database.embeddedUrl(home), "sa", "", ConnectionOptions.DEFAULTS);
        assertThat(pool.getConnectionInitSql()).isNull();
        assertThat(pool.getDataSourceProperties()).isEmpty();
        try (Database db = Database.embedded(home)) {
            assertThat(new JdbcTemplate(db.dataSource()).queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
            assertThat(db.displayUrl()).isEqualTo(db.jdbcUrl());
        }
    }

    private static Map<String, String> driverProperties(HikariConfig pool) throws Exception {
        Properties handedOver = new Properties();
        handedOver.putAll(pool.getDataSourceProperties());
        DriverPropertyInfo[] info = new SQLServerDriver().getPropertyInfo(pool.getJdbcUrl(), handedOver);
        return Arrays.stream(info).filter(p -> p.value != null)
                .collect(Collectors.toMap(p -> p.name, p -> p.value, (a, b) -> a));
    }
}
