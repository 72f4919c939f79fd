package cz.proklik.erp.db;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcUrlsTest {

    @Test
    void aPasswordInASqlServerUrlIsHiddenAndTheRestStaysReadable() {
        assertThat(JdbcUrls.redact("jdbc:sqlserver://erp:1433;databaseName=Helios;user=pkl;password=Tajne.123;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://erp:1433;databaseName=Helios;user=pkl;password=***;encrypt=true");
    }

    @Test
    void everySpellingAndPlaceOfASecretIsHidden() {
        assertThat(JdbcUrls.redact("jdbc:sqlserver://erp;PASSWORD=abc")).isEqualTo("jdbc:sqlserver://erp;PASSWORD=***");
        assertThat(JdbcUrls.redact("jdbc:sqlserver://erp;databaseName=H;pwd = abc ;x=1"))
                .isEqualTo("jdbc:sqlserver://erp;databaseName=H;pwd =***;x=1");
        // mssql-jdbc allows a braced value, which may hold a ';'
        assertThat(JdbcUrls.redact("jdbc:sqlserver://erp;password={a;b=c};encrypt=true"))
                .isEqualTo("jdbc:sqlserver://erp;password=***;encrypt=true");
        assertThat(JdbcUrls.redact("jdbc:sqlserver://erp;trustStore=/k.jks;trustStorePassword=s3;keyStoreSecret=s4"))
                .isEqualTo("jdbc:sqlserver://erp;trustStore=/k.jks;trustStorePassword=***;keyStoreSecret=***");
        assertThat(JdbcUrls.redact("jdbc:h2:tcp://h/db;MODE=MSSQLServer;PASSWORD=x")).doesNotContain("=x");
        assertThat(JdbcUrls.redact("jdbc:postgresql://h/db?user=u&password=x&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }

    @Test
    void aUrlWithoutASecretIsUnchanged() {
        String url = "jdbc:sqlserver://erp:1433;databaseName=Helios;encrypt=true;trustServerCertificate=true";
        assertThat(JdbcUrls.redact(url)).isEqualTo(url);
        assertThat(JdbcUrls.redact(null)).isNull();
    }

    @Test
    void anUnsupportedUrlIsRefusedWithoutItsPassword() {
        Assertions.assertThatThrownBy(() -> Engine.fromJdbcUrl("jdbc:mysql://h/db;password=Tajne"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password=***").hasMessageNotContaining("Tajne");
    }
}
