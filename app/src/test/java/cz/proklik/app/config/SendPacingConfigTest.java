package cz.proklik.app.config;

import cz.proklik.mailer.send.pacing.PacingSettings;
import cz.proklik.mailer.send.pacing.RecipientDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendPacingConfigTest {
    @TempDir
    Path home;

    private PacingSettings load(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("PROKLIK_HOME", home.toString());
        return SendPacingConfig.from(ProklikConfig.load(all));
    }

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        PacingSettings s = load(Map.of());

        assertThat(s.pacer().batchSize()).isEqualTo(200);
        assertThat(s.pacer().batchInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.pacer().maxPerSecond()).isEqualTo(20);
        assertThat(s.pacer().domainCapPerHour()).isZero();
        assertThat(s.pacer().groups().keyOfAddress("a@googlemail.com"))
                .isEqualTo(s.pacer().groups().keyOfAddress("b@GMAIL.com"));
        assertThat(s.pacer().groups().keyOfAddress("a@email.cz")).isEqualTo(s.pacer().groups().keyOfAddress("b@seznam.cz"));
        assertThat(s.pacer().groups().keyOfAddress("a@firma.cz")).isEqualTo(RecipientDomain.of("a@firma.cz"));
        assertThat(s.retry().maxRetries()).isEqualTo(5);
        assertThat(s.retry().delayBefore(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.retry().delayBefore(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.retry().delayBefore(9)).isEqualTo(Duration.ofHours(2));
        assertThat(s.autoPause().window()).isEqualTo(500);
        assertThat(s.autoPause().minMessages()).isEqualTo(100);
        assertThat(s.autoPause().hardBounceRate()).isEqualTo(0.05);
        assertThat(s.autoPause().errorRate()).isEqualTo(0.10);
        assertThat(s.abTest().enabled()).isFalse();
        assertThat(s.abTest().decisionWait()).isEqualTo(Duration.ofHours(4));
        assertThat(s.abTest().minDeliveredPerVariant()).isEqualTo(100);
    }

    @Test
    void theEnvironmentOverridesAKey() {
        PacingSettings s = load(Map.of("PROKLIK_MAIL_SEND_BATCH_SIZE", "50", "PROKLIK_MAIL_SEND_MAX_PER_SECOND", "0.5",
                "PROKLIK_MAIL_SEND_AB_TEST_SHARE", "20", "PROKLIK_MAIL_SEND_DOMAIN_GROUPS", ""));

        assertThat(s.pacer().batchSize()).isEqualTo(50);
        assertThat(s.pacer().maxPerSecond()).isEqualTo(0.5);
        assertThat(s.abTest().testSharePct()).isEqualTo(20);
        assertThat(s.pacer().groups().keyOfAddress("a@gmail.com")).isEqualTo("gmail.com");
    }

    @Test
    void aBadValueNamesItsKey() {
        assertThatThrownBy(() -> load(Map.of("PROKLIK_MAIL_SEND_BATCH_SIZE", "many")))
                .hasMessage("proklik.mail.send.batch-size: not a whole number: many");
        assertThatThrownBy(() -> load(Map.of("PROKLIK_MAIL_SEND_BATCH_INTERVAL", "soon")))
                .hasMessageStartingWith("proklik.mail.send.batch-interval: not a duration");
        assertThatThrownBy(() -> load(Map.of("PROKLIK_MAIL_SEND_AB_TEST_SHARE", "120")))
                .hasMessage("proklik.mail.send.ab.*: A/B test share must be 0 to 100 %: 120");
        assertThatThrownBy(() -> load(Map.of("PROKLIK_MAIL_SEND_DOMAIN_GROUPS", "gmail.com")))
                .hasMessageStartingWith("proklik.mail.send.domain-groups: not NAME=domain");
        assertThatThrownBy(() -> load(Map.of("PROKLIK_MAIL_SEND_AUTO_PAUSE_ERROR_RATE", "150")))
                .hasMessageContaining("proklik.mail.send.auto-pause.*").hasMessageContaining("error rate");
    }
}
