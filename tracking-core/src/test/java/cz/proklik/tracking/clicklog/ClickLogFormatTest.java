package cz.proklik.tracking.clicklog;

import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.event.TrackingEventBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickLogFormatTest {

    @Test
    void valuesRoundTripToTheSameEvent() throws Exception {
        TrackingEvent click = TestEvents.click("R1");
        TrackingEvent rejected = TestEvents.rejected();

        assertThat(ClickLogFormat.fromValues(ClickLogFormat.toValues(1, click))).isEqualTo(click);
        assertThat(ClickLogFormat.fromValues(ClickLogFormat.toValues(2, rejected))).isEqualTo(rejected);
        assertThat(ClickLogFormat.toValues(7, click)[0]).isEqualTo("7");
        assertThat(ClickLogFormat.toValues(7, click)[2]).isEqualTo("2026-11-25T09:15:30.123Z");
    }

    @Test
    void timesAreWrittenExactlyAsTheGeneralFormatterWouldAndReadBack() throws Exception {
        DateTimeFormatter reference = DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong() % 253_402_300_799_000L)
                    .plusNanos(random.nextInt(1_000_000));
            if (t.isBefore(Instant.EPOCH.minusSeconds(62_167_219_200L))) {
                continue; // before year 0
            }
            assertThat(ClickLogFormat.formatTime(t)).as(t.toString()).isEqualTo(reference.format(t));
        }
        TrackingEvent e = TestEvents.click("R1");
        assertThat(ClickLogFormat.fromValues(ClickLogFormat.toValues(1, e)).time()).isEqualTo(e.time());
    }

    @Test
    void anyChangedValueBreaksTheChecksum() {
        String[] values = ClickLogFormat.toValues(1, TestEvents.click("R1"));
        for (int i = 0; i < values.length - 1; i++) {
            String[] altered = values.clone();
            altered[i] = altered[i] + "x";
            assertThatThrownBy(() -> ClickLogFormat.fromValues(altered)).as("column %d", i)
                    .isInstanceOfSatisfying(BadLineException.class,
                            e -> assertThat(e.reason()).isEqualTo(BadLineReason.CHECKSUM));
        }
    }

    @Test
    void controlCharactersNeverSplitALine() {
        TrackingEvent e = TestEvents.click("R1");
        TrackingEvent withNewline = TrackingEventBuilder.click().id(e.id()).userAgent("Evil\r\nX-Injected: 1").build();

        String[] values = ClickLogFormat.toValues(1, withNewline);

        assertThat(values[13]).isEqualTo("Evil\uFFFD\uFFFDX-Injected: 1");
    }

    @Test
    void aSignedLineWithAnInvalidValueIsStillRefused() {
        TrackingEvent e = TestEvents.click("R1");
        String[] values = ClickLogFormat.toValues(1, e);
        values[2] = "2026-13-45T99:00:00.000Z";
        values[16] = ClickLogFormat.crc(values);

        assertThatThrownBy(() -> ClickLogFormat.fromValues(values))
                .isInstanceOfSatisfying(BadLineException.class, ex -> {
                    assertThat(ex.reason()).isEqualTo(BadLineReason.INVALID_VALUE);
                    assertThat(ex.getMessage()).contains("time");
                });
    }
}
