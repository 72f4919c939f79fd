package cz.proklik.app.db;

import cz.proklik.app.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person sees when the configured database cannot be used: never the password from the URL. */
class DatabaseAccessTest {

    @Test
    void anUnreachableSqlServerIsReportedWithoutThePasswordInItsUrl(@TempDir Path home) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // free now, and nobody listens once it is closed
        }
        String url = "jdbc:sqlserver://127.0.0.1:" + closedPort
                + ";databaseName=Helios;user=pkl;password=Tajne.Heslo;encrypt=false;loginTimeout=2";
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_DB_URL", url), "db", "info");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("database unreachable").contains("127.0.0.1:" + closedPort)
                .contains("password=***").doesNotContain("Tajne.Heslo");
        assertThat(r.out()).doesNotContain("Tajne.Heslo");
    }

    @Test
    void aLockTimeoutThatIsNoDurationIsAConfigurationError(@TempDir Path home) {
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_DB_LOCK_TIMEOUT", "soon"), "db", "info");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("proklik.db.lock-timeout").contains("soon");
    }

    @Test
    void aUrlAskingForBulkCopyIsAConfigurationError(@TempDir Path home) {
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_DB_URL",
                "jdbc:sqlserver://erp;password=Tajne;useBulkCopyForBatchInsert=true"), "db", "info");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("useBulkCopyForBatchInsert").doesNotContain("Tajne");
    }
}
