package cz.proklik.mailer.trigger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hours trigger mails go out, in the local time of the zone, through midnight and the clock changes. */
class SendingWindowTest {
    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    @Test
    void aDayWindowIsOpenFromItsStartUntilJustBeforeItsEnd() {
        SendingWindow w = SendingWindow.parse("08:00-20:00", PRAGUE);
        // 2 December: Prague is UTC+1.
        assertThat(w.isOpen(Instant.parse("2026-12-02T06:59:59Z"))).isFalse();
        assertThat(w.isOpen(Instant.parse("2026-12-02T07:00:00Z"))).isTrue();
        assertThat(w.isOpen(Instant.parse("2026-12-02T18:59:59Z"))).isTrue();
        assertThat(w.isOpen(Instant.parse("2026-12-02T19:00:00Z"))).isFalse();
        assertThat(w.nextOpening(Instant.parse("2026-12-02T21:30:00Z"))).isEqualTo("2026-12-03T07:00:00Z");
        assertThat(w.nextOpening(Instant.parse("2026-12-02T03:00:00Z"))).isEqualTo("2026-12-02T07:00:00Z");
        assertThat(w.closing(Instant.parse("2026-12-02T10:00:00Z"))).contains(Instant.parse("2026-12-02T19:00:00Z"));
        assertThat(w.closing(Instant.parse("2026-12-02T20:00:00Z"))).isEmpty();
    }

    @Test
    void aWindowOverMidnightAndTheSummerTimeChange() {
        SendingWindow night = SendingWindow.parse("22:00 - 06:00", PRAGUE);
        assertThat(night.isOpen(Instant.parse("2026-12-02T23:30:00Z"))).isTrue();
        assertThat(night.isOpen(Instant.parse("2026-12-02T12:00:00Z"))).isFalse();
        assertThat(night.closing(Instant.parse("2026-12-02T23:30:00Z"))).contains(Instant.parse("2026-12-03T05:00:00Z"));
        // 29 March 2026 the clocks go from 02:00 to 03:00: 08:00 is then 06:00 UTC.
        SendingWindow day = SendingWindow.parse("08:00-20:00", PRAGUE);
        assertThat(day.nextOpening(Instant.parse("2026-03-29T01:00:00Z"))).isEqualTo("2026-03-29T06:00:00Z");
    }

    @Test
    void blankIsAnyTimeAndNonsenseIsRefusedWithTheReason() {
        assertThat(SendingWindow.parse(" ", PRAGUE).isOpen(Instant.parse("2026-12-02T02:00:00Z"))).isTrue();
        assertThat(SendingWindow.parse("", PRAGUE).closing(Instant.now())).isEmpty();
        assertThatThrownBy(() -> SendingWindow.parse("8-20", PRAGUE)).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> SendingWindow.parse("08:00", PRAGUE)).hasMessageContaining("HH:mm-HH:mm");
        assertThatThrownBy(() -> SendingWindow.parse("09:00-09:00", PRAGUE)).hasMessageContaining("empty");
    }
}
