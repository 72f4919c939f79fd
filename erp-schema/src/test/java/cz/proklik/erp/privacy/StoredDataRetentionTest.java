package cz.proklik.erp.privacy;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Engine;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.db.SqlTime;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.ImportFileDao;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Personal data in the database goes when its period is over: what a data-protection officer would check after a
 * retention run - no address or user agent left on old events, nothing else about them changed, younger events
 * untouched, old quarantined lines gone.
 */
class StoredDataRetentionTest {
    static final Instant DAY_1 = Instant.parse("2026-01-01T10:00:00Z");
    static final EventFlags BOT = new EventFlags(true, false, false, false, false, "Robot", "curl", "Robot");

    @TempDir
    Path home;

    private Database database;
    private JdbcTemplate jdbc;
    private final MovingClock clock = new MovingClock(DAY_1);

    @BeforeEach
    void events() {
        database = Database.embedded(home);
        SchemaMigrator.of(database).migrate();
        jdbc = new JdbcTemplate(database.dataSource());
        RawEventDao raw = new RawEventDao(database.dataSource(), Engine.of(database.dataSource()), clock);
        raw.insertBatch(null, IntStream.rangeClosed(1, 5).mapToObj(i -> event("R" + i, BOT)).toList()); // day 1
        clock.now = DAY_1.plus(Duration.ofDays(50));
        raw.insertBatch(null, IntStream.rangeClosed(6, 8).mapToObj(i -> event("R" + i, EventFlags.NONE)).toList());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void addressAndUserAgentOfEventsPastThePeriodAreClearedAndNothingElse() {
        Map<String, Object> before = jdbc.queryForMap("SELECT * FROM pkl_event WHERE recipient_id = 'R1'");
        clock.now = DAY_1.plus(Duration.ofDays(95));

        StoredDataRetention.Outcome outcome = retention(2).apply(Duration.ofDays(90), Duration.ZERO);

        assertThat(outcome.eventDetailsCleared()).isEqualTo(5);
        assertThat(details()).containsExactly("R1:null:null", "R2:null:null", "R3:null:null", "R4:null:null",
                "R5:null:null", "R6:192.0.2.0:Mozilla/5.0 (R6)", "R7:192.0.2.0:Mozilla/5.0 (R7)",
                "R8:192.0.2.0:Mozilla/5.0 (R8)");
        Map<String, Object> after = jdbc.queryForMap("SELECT * FROM pkl_event WHERE recipient_id = 'R1'");
        before.remove("client_ip");
        before.remove("user_agent");
        assertThat(after).containsAllEntriesOf(before); // flags, user-agent class, times, ids: all as they were
        assertThat(after.get("is_bot_ua")).isEqualTo(true);
    }

    @Test
    void eachRunGoesOnFromWhereTheLastStoppedUntilTheYoungerEventsAreOld() {
        clock.now = DAY_1.plus(Duration.ofDays(95));
        StoredDataRetention retention = retention(2);
        retention.apply(Duration.ofDays(90), Duration.ZERO);
        // Slices of two ids: (0,2] and (2,4] hold only old events; (4,6] holds R5 (old) and R6 (young): the walk
        // clears R5 there but stops, and the next run starts again at id 4.
        assertThat(clearedUpto()).isEqualTo(4);
        assertThat(retention.apply(Duration.ofDays(90), Duration.ZERO).eventDetailsCleared()).isZero();
        assertThat(clearedUpto()).isEqualTo(4);

        clock.now = DAY_1.plus(Duration.ofDays(141));
        assertThat(retention.apply(Duration.ofDays(90), Duration.ZERO).eventDetailsCleared()).isEqualTo(3);
        assertThat(clearedUpto()).isEqualTo(8);
        assertThat(details()).allMatch(d -> d.endsWith(":null:null"));
    }

    @Test
    void aLongBacklogIsClearedOverSeveralRunsNotHeldInOne() {
        clock.now = DAY_1.plus(Duration.ofDays(141)); // all 8 events have aged
        StoredDataRetention twoSlicesPerRun = new StoredDataRetention(database.dataSource(), clock, 2, 2);
        assertThat(twoSlicesPerRun.apply(Duration.ofDays(90), Duration.ZERO).eventDetailsCleared()).isEqualTo(4);
        assertThat(clearedUpto()).isEqualTo(4);
        assertThat(twoSlicesPerRun.apply(Duration.ofDays(90), Duration.ZERO).eventDetailsCleared()).isEqualTo(4);
        assertThat(details()).allMatch(d -> d.endsWith(":null:null"));
    }

    @Test
    void idsLeftWithoutEventsDoNotShrinkWhatARunClears() {
        // 40 ids without events between the old events and 4 more, as SQL Server's IGNORE_DUP_KEY leaves them for
        // re-imported duplicates (review finding 11).
        RawEventDao raw = new RawEventDao(database.dataSource(), Engine.of(database.dataSource()), clock);
        raw.insertBatch(null, IntStream.rangeClosed(1, 40).mapToObj(i -> event("X" + i, EventFlags.NONE)).toList());
        jdbc.update("DELETE FROM pkl_event WHERE recipient_id LIKE 'X%'");
        raw.insertBatch(null, IntStream.rangeClosed(9, 12).mapToObj(i -> event("R" + i, EventFlags.NONE)).toList());
        clock.now = DAY_1.plus(Duration.ofDays(141)); // all 12 events have aged

        // Six slices of two events: all twelve (six slices of two ids would have reached 8 of them).
        StoredDataRetention sixSlicesOfTwo = new StoredDataRetention(database.dataSource(), clock, 2, 6);
        assertThat(sixSlicesOfTwo.apply(Duration.ofDays(90), Duration.ZERO).eventDetailsCleared()).isEqualTo(12);
        assertThat(details()).hasSize(12).allMatch(d -> d.endsWith(":null:null"));
    }

    @Test
    void aZeroPeriodKeepsForEver() {
        clock.now = DAY_1.plus(Duration.ofDays(3650));
        assertThat(retention(2).apply(Duration.ZERO, Duration.ZERO).eventDetailsCleared()).isZero();
        assertThat(details()).noneMatch(d -> d.contains("null"));
        assertThatThrownBy(() -> retention(2).apply(Duration.ofDays(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quarantinedLinesPastThePeriodAreDeleted() {
        long file = new ImportFileDao(database.dataSource()).start("proklik-n1-20260101T100000000Z-000001.csv", "n1",
                "a1".repeat(32), 100L, DAY_1);
        quarantined(file, 2, DAY_1);
        quarantined(file, 3, DAY_1.plus(Duration.ofDays(20)));
        clock.now = DAY_1.plus(Duration.ofDays(31));

        assertThat(retention(2).apply(Duration.ZERO, Duration.ofDays(30)).quarantinedLinesDeleted()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT line_no FROM pkl_quarantine", Long.class)).containsExactly(3L);
    }

    private StoredDataRetention retention(int slice) {
        return new StoredDataRetention(database.dataSource(), clock, slice, 100);
    }

    private List<String> details() {
        return jdbc.query("SELECT recipient_id, client_ip, user_agent FROM pkl_event ORDER BY id",
                (rs, i) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3));
    }

    private long clearedUpto() {
        return jdbc.queryForObject("SELECT details_cleared_upto FROM pkl_retention_state", Long.class);
    }

    private void quarantined(long file, long line, Instant at) {
        jdbc.update("INSERT INTO pkl_quarantine (file_id, line_no, reason, detail, raw_line, created_at)"
                + " VALUES (?, ?, 'CHECKSUM', 'crc', ?, ?)", file, line, "...,192.0.2.1,Mozilla/5.0,...",
                SqlTime.toDb(at));
    }

    private static RawEvent event(String recipient, EventFlags flags) {
        return new RawEvent(UUID.randomUUID().toString(), DAY_1, "click", "GET", "C1", recipient, "hero", "A",
                "https://shop.example.com/", "k1", null, "192.0.2.0", "Mozilla/5.0 (" + recipient + ")", "n1", null, 1L,
                flags);
    }

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
