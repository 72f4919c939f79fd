package cz.proklik.app.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.proklik.app.Cli;
import cz.proklik.erp.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code proklik db check} through the real CLI on the embedded default: lines, exit codes, JSON. */
class DbCheckCommandTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    private static List<String> lines(String out) {
        return Arrays.stream(out.split("\\R")).filter(l -> !l.isBlank()).toList();
    }

    @Test
    void beforeAnythingIsInstalledItSaysWhatToRunAndCreatesNothing() {
        Cli.Result r = Cli.run(env(), "db", "check");

        assertThat(r.exitCode()).isZero();
        assertThat(lines(r.out()).get(0)).startsWith("WARN  connection  no embedded database in ");
        assertThat(r.out()).contains("do: run proklik db migrate");
        assertThat(Files.exists(home.resolve("db").resolve("proklik.mv.db"))).isFalse();
    }

    @Test
    void theMigratedEmbeddedDefaultIsOkOnEveryLineAndExitsZero() {
        assertThat(Cli.run(env(), "db", "migrate").exitCode()).isZero();

        Cli.Result r = Cli.run(env(), "db", "check");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        List<String> lines = lines(r.out());
        assertThat(lines.subList(0, lines.size() - 1)).hasSize(20).allSatisfy(l -> assertThat(l).startsWith("OK    "));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("db check: 20 OK, 0 WARN, 0 FAIL");
        assertThat(r.out()).containsPattern("adapter pkl_erp_contact +5 rows").containsPattern("adapter pkl_erp_send +0 rows");
    }

    @Test
    void aBrokenAdapterViewFailsWithExitOneInTextAndJson() throws Exception {
        assertThat(Cli.run(env(), "db", "migrate").exitCode()).isZero();
        try (Database db = Database.embedded(home)) {
            new JdbcTemplate(db.dataSource()).execute("DROP VIEW pkl_erp_organisation");
        }

        Cli.Result text = Cli.run(env(), "db", "check");
        Cli.Result json = Cli.run(env(), "db", "check", "--format", "json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).containsPattern("(?m)^FAIL  adapter pkl_erp_organisation +does not answer: ")
                .contains("do: the plug-in cannot read the ERP through it");
        assertThat(lines(text.out()).get(lines(text.out()).size() - 1)).isEqualTo("db check: 19 OK, 0 WARN, 1 FAIL");
        assertThat(json.exitCode()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("status").asText()).isEqualTo("FAIL");
        assertThat(root.get("counts").get("FAIL").asInt()).isEqualTo(1);
        assertThat(root.get("checks")).hasSize(20);
        JsonNode failed = root.get("checks").get(8);
        assertThat(failed.get("check").asText()).isEqualTo("adapter pkl_erp_organisation");
        assertThat(failed.get("status").asText()).isEqualTo("FAIL");
        assertThat(failed.get("advice").asText()).contains("adapter-views.sql");
    }

    @Test
    void anUnknownFormatIsWrongUsage() {
        Cli.Result r = Cli.run(env(), "db", "check", "--format", "xml");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--format");
    }

    @Test
    void anUnreachableServerIsOneFailLineThatNeverShowsThePassword() {
        Map<String, String> env = Map.of("PROKLIK_HOME", home.toString(),
                "PROKLIK_DB_URL", "jdbc:sqlserver://127.0.0.1:1;databaseName=Helios;loginTimeout=2;password=S3cr3t-pw",
                "PROKLIK_DB_USER", "proklik");

        Cli.Result r = Cli.run(env, "db", "check");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).startsWith("FAIL  connection  cannot connect: ").contains("db check: 0 OK, 0 WARN, 1 FAIL");
        assertThat(r.out() + r.err()).doesNotContain("S3cr3t-pw");
    }
}
