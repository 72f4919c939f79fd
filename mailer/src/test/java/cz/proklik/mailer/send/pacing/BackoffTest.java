package cz.proklik.mailer.send.pacing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final Backoff backoff = new Backoff(new RetrySettings(4, Duration.ofMinutes(5), 2, Duration.ofMinutes(30)),
            clock);

    @Test
    void aTemporaryReplyIsRetriedWithAGrowingDelayUpToTheMaximumThenFailedWithItsReply() {
        SmtpFailure tryLater = SmtpFailure.reply(451, "4.7.1 Try again later");

        assertThat(backoff.after(tryLater, 0)).isEqualTo(new RetryDecision.RetryAt(T0.plus(Duration.ofMinutes(5)), 1,
                tryLater));
        assertThat(((RetryDecision.RetryAt) backoff.after(tryLater, 1)).at()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(((RetryDecision.RetryAt) backoff.after(tryLater, 2)).at()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(((RetryDecision.RetryAt) backoff.after(tryLater, 3)).at()).as("capped")
                .isEqualTo(T0.plus(Duration.ofMinutes(30)));

        RetryDecision last = backoff.after(tryLater, 4);
        assertThat(last).isInstanceOf(RetryDecision.Fail.class);
        assertThat(((RetryDecision.Fail) last).reason()).isEqualTo("451 4.7.1 Try again later (still temporary after"
                + " 4 retries)");
    }

    @Test
    void everyFourXxAndNoReplyAtAllAreTemporary() {
        for (int code : new int[] {421, 450, 451, 452, 454, 471}) {
            assertThat(backoff.after(SmtpFailure.reply(code, "later"), 0)).as("%d", code)
                    .isInstanceOf(RetryDecision.RetryAt.class);
        }
        SmtpFailure refused = SmtpFailure.connection("Connection refused");
        assertThat(backoff.after(refused, 0)).isInstanceOf(RetryDecision.RetryAt.class);
        assertThat(refused.describe()).isEqualTo("connection: Connection refused");
    }

    @Test
    void aFiveXxFailsAtOnceWithItsReply() {
        RetryDecision d = backoff.after(SmtpFailure.reply(550, "5.1.1 <jana@firma.cz>: no such user"), 0);

        assertThat(d).isInstanceOf(RetryDecision.Fail.class);
        assertThat(((RetryDecision.Fail) d).reason()).isEqualTo("550 5.1.1 <jana@firma.cz>: no such user");
        assertThat(backoff.after(SmtpFailure.reply(554, "Transaction failed"), 0))
                .isInstanceOf(RetryDecision.Fail.class);
    }

    @Test
    void aRefusedLoginPausesTheSendInsteadOfFailingTheRecipient() {
        RetryDecision d = backoff.after(SmtpFailure.reply(535, "5.7.8 Authentication credentials invalid"), 0);

        assertThat(d).isInstanceOf(RetryDecision.PauseSend.class);
        assertThat(((RetryDecision.PauseSend) d).reason())
                .isEqualTo("the relay refused the login: 535 5.7.8 Authentication credentials invalid");
        assertThat(backoff.after(SmtpFailure.authentication("no AUTH offered"), 9))
                .isInstanceOf(RetryDecision.PauseSend.class);
    }

    @Test
    void noRetriesMeansTheFirstTemporaryFailureFails() {
        Backoff none = new Backoff(new RetrySettings(0, Duration.ZERO, 1, Duration.ZERO), clock);

        RetryDecision d = none.after(SmtpFailure.reply(421, "4.3.2 closing"), 0);

        assertThat(((RetryDecision.Fail) d).reason()).isEqualTo("421 4.3.2 closing (still temporary after 0 retries)");
    }

    @Test
    void theReplyIsParsedAndCannotForgeLines() {
        SmtpFailure f = SmtpFailure.reply(550, "5.1.1 no such user\r\nX-Injected: yes");

        assertThat(f.enhanced()).isEqualTo("5.1.1");
        assertThat(f.describe()).isEqualTo("550 5.1.1 no such user  X-Injected: yes").doesNotContain("\n", "\r");
        assertThat(SmtpFailure.reply(550, "5.1.10 Recipient address rejected").enhanced()).isEqualTo("5.1.10");
        assertThat(SmtpFailure.reply(550, "Mailbox unavailable").enhanced()).isEmpty();
        assertThat(SmtpFailure.reply(550, null).describe()).isEqualTo("550");
    }

    @Test
    void onlyBadAddressesAreHardBounces() {
        assertThat(SmtpFailure.reply(550, "5.1.1 user unknown").hardBounce()).isTrue();
        assertThat(SmtpFailure.reply(550, "5.2.1 mailbox disabled").hardBounce()).isTrue();
        assertThat(SmtpFailure.reply(554, "5.7.1 rejected by policy").hardBounce()).as("a block is an error").isFalse();
        assertThat(SmtpFailure.reply(452, "4.2.2 mailbox full").hardBounce()).isFalse();
        assertThat(SmtpFailure.reply(550, "no such user").hardBounce()).as("no status code, no guess").isFalse();
    }

    @Test
    void retrySettingsGrowGeometrically() {
        RetrySettings s = new RetrySettings(10, Duration.ofSeconds(30), 3, Duration.ofHours(1));

        assertThat(s.delayBefore(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.delayBefore(2)).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.delayBefore(3)).isEqualTo(Duration.ofSeconds(270));
        assertThat(s.delayBefore(9)).isEqualTo(Duration.ofHours(1));
        assertThat(s.delayBefore(1000)).isEqualTo(Duration.ofHours(1));
    }
}
