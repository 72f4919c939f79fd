package cz.proklik.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What every command gets from its context: flags on top of the configuration, and exit code 2 for usage errors. */
class CommandContextTest {
    @TempDir
    Path home;

    @Test
    void aFlagOverridesAnEnvironmentValueThatTheSettingsFactoryWouldRefuse() {
        Map<String, String> env = Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_IMPORT_CHUNK_SIZE", "0");

        Cli.Result fromEnv = Cli.run(env, "import", "--no-progress");
        assertThat(fromEnv.exitCode()).isEqualTo(2);
        assertThat(fromEnv.err()).contains("chunk size must be 1-100000: 0");

        Cli.Result withFlag = Cli.run(env, "import", "--no-progress", "--chunk-size", "500");
        assertThat(withFlag.exitCode()).as(withFlag.err()).isZero();
        assertThat(withFlag.out()).contains("Import done");
    }

    @Test
    void aFlagGivenAsATypedValueReachesTheFactoryIntact() {
        Path drop = home.resolve("drop one");
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString()), "import", "--no-progress",
                "--dir", drop + "," + home.resolve("drop two"), "--too-fast-click", "PT3S", "--burst-links", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("burst links must be at least 2");
    }

    @Test
    void everyIsADurationAndNonsenseIsAUsageError() {
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString()), "import", "--every", "5 fortnights");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("not a duration");
    }

    @Test
    void aMalformedKeyRingIsAConfigurationError() {
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString(), "PROKLIK_KEYS", "k1 active not-base64!"),
                "keys", "list");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("PROKLIK_KEYS: key ring entry");
    }

    @Test
    void aValueTheDomainRefusesIsAUsageErrorWithItsMessage() {
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString()), "campaigns", "add", "C1", "--name", "N",
                "--utm-campaign", "u", "--attribution-days", "400");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("attributionDays must be 0..365: 400");
        assertThat(Cli.run(Map.of("PROKLIK_HOME", home.toString()), "campaigns", "list").out()).doesNotContain("C1");
    }
}
