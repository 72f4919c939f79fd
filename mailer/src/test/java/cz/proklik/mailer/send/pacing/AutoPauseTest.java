package cz.proklik.mailer.send.pacing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoPauseTest {
    private static final SmtpFailure UNKNOWN_USER = SmtpFailure.reply(550, "5.1.1 user unknown");
    private static final SmtpFailure BLOCKED = SmtpFailure.reply(554, "5.7.1 blocked");
    private static final SmtpFailure LATER = SmtpFailure.reply(451, "4.7.1 later");

    private final AutoPause pause = new AutoPause(new AutoPauseSettings(100, 50, 0.05, 0.10));

    @Test
    void hardBouncesAboveTheLimitOverTheLastMessagesPauseWithTheReason() {
        for (int i = 0; i < 95; i++) {
            pause.accepted("R" + i);
        }
        for (int i = 95; i < 100; i++) {
            pause.failed("R" + i, UNKNOWN_USER);
        }
        assertThat(pause.pauseReason()).as("5 of 100 is not above 5 %").isEmpty();

        pause.failed("R100", UNKNOWN_USER); // R0 leaves the window: 6 of 100

        assertThat(pause.pauseReason()).contains("hard bounces: 6 of the last 100 messages (6.0 %), above the limit"
                + " of 5.0 % (proklik.mail.send.auto-pause.hard-bounce-rate)");
    }

    @Test
    void errorsOfAnyOtherKindCountTowardsTheErrorRate() {
        for (int i = 0; i < 45; i++) {
            pause.accepted("R" + i);
        }
        for (int i = 45; i < 49; i++) {
            pause.failed("R" + i, BLOCKED);
        }
        pause.failed("R49", SmtpFailure.connection("reset"));
        pause.failed("R50", LATER);

        assertThat(pause.pauseReason()).contains("errors: 6 of the last 51 messages (11.8 %), above the limit of 10.0 %"
                + " (proklik.mail.send.auto-pause.error-rate)");
    }

    @Test
    void nothingPausesBeforeTheMinimumSample() {
        for (int i = 0; i < 49; i++) {
            pause.failed("R" + i, BLOCKED);
        }
        assertThat(pause.pauseReason()).isEmpty();
        pause.failed("R49", BLOCKED);
        assertThat(pause.pauseReason()).isPresent();
    }

    @Test
    void aRetriedRecipientCountsOnceWithItsNewestOutcome() {
        for (int i = 0; i < 50; i++) {
            pause.failed("R" + i, LATER);
        }
        assertThat(pause.pauseReason()).isPresent();
        for (int i = 0; i < 50; i++) {
            pause.accepted("R" + i);
        }
        assertThat(pause.pauseReason()).isEmpty();
    }

    @Test
    void oldFailuresLeaveTheWindow() {
        for (int i = 0; i < 20; i++) {
            pause.failed("BAD" + i, BLOCKED);
        }
        for (int i = 0; i < 99; i++) {
            pause.accepted("R" + i);
        }
        assertThat(pause.pauseReason()).as("BAD0..BAD18 left: 1 of 100").isEmpty();
    }

    @Test
    void aBounceReportedLaterTurnsAnAcceptedMessageIntoAHardBounce() {
        for (int i = 0; i < 100; i++) {
            pause.accepted("R" + i);
        }
        for (int i = 0; i < 6; i++) {
            pause.hardBounced("R" + (90 + i));
        }
        pause.hardBounced("R95"); // twice: counted once
        pause.hardBounced("GONE"); // not in the window: ignored

        assertThat(pause.pauseReason()).hasValueSatisfying(r -> assertThat(r).startsWith("hard bounces: 6 of the"
                + " last 100"));
    }

    @Test
    void aRefusedLoginIsNotTheRecipientsFault() {
        for (int i = 0; i < 60; i++) {
            pause.failed("R" + i, SmtpFailure.reply(535, "5.7.8 bad credentials"));
        }
        assertThat(pause.pauseReason()).isEmpty();
    }

    @Test
    void offNeverPauses() {
        AutoPause off = new AutoPause(AutoPauseSettings.off());
        for (int i = 0; i < 1000; i++) {
            off.failed("R" + i, UNKNOWN_USER);
        }
        assertThat(off.pauseReason()).isEmpty();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new AutoPauseSettings(10, 20, 0.1, 0.1)).hasMessageContaining("min-messages");
        assertThatThrownBy(() -> new AutoPauseSettings(10, 5, 1.5, 0.1)).hasMessageContaining("hard-bounce rate");
    }
}
