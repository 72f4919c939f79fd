package cz.proklik.erp.check;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verdicts of the SQL Server-only checks, decided offline from what the server would answer: the strongest
 * check available where no SQL Server runs (SqlServerDatabaseChecksTest asks a real one where it can).
 */
class CheckDecisionsTest {
    private static final String SERVER = "the server reports encrypt_option TRUE, login by SQL";

    @Test
    void tlsWithTheDriversDefaultsIsOk() {
        CheckResult r = TransportSecurityCheck.assess("jdbc:sqlserver://erp:1433;databaseName=Helios", true, SERVER);
        assertThat(r.status()).isEqualTo(CheckStatus.OK);
        assertThat(r.finding()).startsWith("encrypt=true: TLS with the server's certificate validated");
    }

    @Test
    void trustingAnyServerCertificateWarnsOfAManInTheMiddle() {
        CheckResult r = TransportSecurityCheck.assess(
                "jdbc:sqlserver://erp;databaseName=Helios;encrypt=true;TrustServerCertificate=TRUE", true, SERVER);
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.finding()).contains("trustServerCertificate=true").contains("man-in-the-middle");
        assertThat(r.advice()).contains("hostNameInCertificate").contains("encrypt=strict");
    }

    @Test
    void strictEncryptionValidatesWhateverTrustServerCertificateSays() {
        CheckResult r = TransportSecurityCheck.assess(
                "jdbc:sqlserver://erp;encrypt=strict;trustServerCertificate=true;serverCertificate={C:\\certs\\erp.cer}",
                null, "the server's view of the session needs VIEW SERVER STATE");
        assertThat(r.status()).isEqualTo(CheckStatus.OK);
        assertThat(r.finding()).contains("TDS 8 strict");
    }

    @Test
    void noEncryptionWarnsAndSaysWhatTravelsInClear() {
        CheckResult r = TransportSecurityCheck.assess("jdbc:sqlserver://erp;encrypt=false", false,
                "the server reports encrypt_option FALSE, login by SQL");
        assertThat(r.status()).isEqualTo(CheckStatus.WARN);
        assertThat(r.finding()).contains("travel in clear");
        assertThat(r.advice()).startsWith("set encrypt=true");
    }

    @Test
    void aServerRefusingTlsTheDriverAskedForWarns() {
        assertThat(TransportSecurityCheck.assess("jdbc:sqlserver://erp", false, "x").status())
                .isEqualTo(CheckStatus.WARN);
    }

    @Test
    void urlPropertiesAreCaseInsensitiveAndBracedValuesMayHoldSemicolons() {
        JdbcUrlProperties p = JdbcUrlProperties.parse("jdbc:sqlserver://erp\\HELIOS:1433;Encrypt=Strict;"
                + "password={a;b=c};hostNameInCertificate=*.example.local");
        assertThat(p.get("encrypt")).contains("Strict");
        assertThat(p.get("PASSWORD")).contains("a;b=c");
        assertThat(p.get("hostnameincertificate")).contains("*.example.local");
        assertThat(p.get("trustServerCertificate")).isEmpty();
    }

    @Test
    void sqlServerBefore2017FailsAndLaterReleasesAreNamed() {
        CheckResult old = EngineCheck.assess("13.0.5026.0", "Standard Edition (64-bit)", 130);
        assertThat(old.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(old.finding()).startsWith("SQL Server 2016 (13.0.5026.0)");
        assertThat(old.advice()).contains("2017");
        CheckResult ok = EngineCheck.assess("14.0.1000.169", "Express Edition (64-bit)", 140);
        assertThat(ok.status()).isEqualTo(CheckStatus.OK);
        assertThat(EngineCheck.assess("16.0.4135.4", "Developer Edition (64-bit)", 160).finding())
                .startsWith("SQL Server 2022 ");
    }

    @Test
    void binaryAndCaseSensitiveCollationsTellCaseApart() {
        assertThat(CollationCheck.caseSensitive("Latin1_General_100_BIN2")).isTrue();
        assertThat(CollationCheck.caseSensitive("Czech_CS_AS")).isTrue();
        assertThat(CollationCheck.caseSensitive("Czech_CI_AS")).isFalse();
        assertThat(CollationCheck.caseSensitive("SQL_Latin1_General_CP1_CI_AS")).isFalse();
    }

    @Test
    void clockSkewIsHowFarTheDatabaseLiesOutsideTheHostsWindow() {
        Instant before = Instant.parse("2026-12-01T10:00:00Z");
        Instant after = before.plusMillis(40);
        assertThat(ClockCheck.skew(before, after, before.plusMillis(20))).isZero();
        assertThat(ClockCheck.skew(before, after, before.minusSeconds(7))).isEqualTo(Duration.ofSeconds(-7));
        assertThat(ClockCheck.skew(before, after, after.plusSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aWarnOrFailLineMustSayWhatToDo() {
        assertThatThrownBy(() -> CheckResult.warn("x", "something", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new CheckReport(List.of(CheckResult.ok("a", "fine"),
                CheckResult.warn("b", "hmm", "look"))).worst()).isEqualTo(CheckStatus.WARN);
    }
}
