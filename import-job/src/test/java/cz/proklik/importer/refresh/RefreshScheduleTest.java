package cz.proklik.importer.refresh;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The refresh curve of seed 002 on a fixed clock: campaigns of every age, refreshed a while ago or never. */
class RefreshScheduleTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private final RefreshSchedule schedule = new RefreshSchedule(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Campaign startedAgo(String id, Duration age) {
        return new Campaign(id, id, null, "utm_" + id, null, NOW.minus(age), null, 5, CampaignStatus.SENDING);
    }

    @Test
    void theIntervalGrowsWithTheAgeAndStopsAfterAWeek() {
        assertThat(RefreshSchedule.interval(Duration.ZERO)).contains(Duration.ofMinutes(5));
        assertThat(RefreshSchedule.interval(Duration.ofHours(23).plusMinutes(59))).contains(Duration.ofMinutes(5));
        assertThat(RefreshSchedule.interval(Duration.ofDays(1))).contains(Duration.ofMinutes(15));
        assertThat(RefreshSchedule.interval(Duration.ofHours(47))).contains(Duration.ofMinutes(15));
        assertThat(RefreshSchedule.interval(Duration.ofDays(2))).contains(Duration.ofHours(1));
        assertThat(RefreshSchedule.interval(Duration.ofDays(3).plusHours(23))).contains(Duration.ofHours(1));
        assertThat(RefreshSchedule.interval(Duration.ofDays(4))).contains(Duration.ofHours(4));
        assertThat(RefreshSchedule.interval(Duration.ofDays(7).minusSeconds(1))).contains(Duration.ofHours(4));
        assertThat(RefreshSchedule.interval(Duration.ofDays(7))).isEmpty();
        assertThat(RefreshSchedule.interval(Duration.ofDays(30))).isEmpty();
        assertThat(RefreshSchedule.interval(Duration.ofMinutes(-1))).as("not started yet").isEmpty();
    }

    @Test
    void campaignsOfDifferentAgesAreDueAsTheCurveSays() {
        List<Campaign> campaigns = List.of(
                startedAgo("HOUR_OLD_4MIN", Duration.ofHours(1)),        // 5 min interval, refreshed 4 min ago
                startedAgo("HOUR_OLD_5MIN", Duration.ofHours(1)),        // ... refreshed 5 min ago: due
                startedAgo("HOUR_OLD_NEVER", Duration.ofHours(1)),       // never refreshed: due
                startedAgo("DAY2_10MIN", Duration.ofHours(30)),          // 15 min interval, 10 min ago
                startedAgo("DAY2_20MIN", Duration.ofHours(30)),          // ... 20 min ago: due
                startedAgo("DAY3_50MIN", Duration.ofDays(2).plusHours(5)),   // 1 h interval, 50 min ago
                startedAgo("DAY3_61MIN", Duration.ofDays(2).plusHours(5)),   // ... 61 min ago: due
                startedAgo("DAY6_3H", Duration.ofDays(5)),               // 4 h interval, 3 h ago
                startedAgo("DAY6_4H", Duration.ofDays(5)),               // ... 4 h ago: due
                startedAgo("WEEK_OLD_NEVER", Duration.ofDays(8)),        // no automatic refresh, even never refreshed
                startedAgo("FUTURE", Duration.ofHours(-2)),              // starts in two hours
                new Campaign("NO_START", "x", null, "utm_x", null, null, null, 5, CampaignStatus.DRAFT),
                new Campaign("CANCELLED", "y", null, "utm_y", null, NOW.minus(Duration.ofHours(1)), null, 5,
                        CampaignStatus.CANCELLED),
                // sent_at counts when there is no starts_at (a campaign the ERP sent: 'campaigns add --sent-at')
                new Campaign("SENT_BY_ERP", "z", null, "utm_z", null, null, NOW.minus(Duration.ofMinutes(30)), 5,
                        CampaignStatus.DRAFT));
        Map<String, Instant> last = new HashMap<>();
        last.put("HOUR_OLD_4MIN", NOW.minus(Duration.ofMinutes(4)));
        last.put("HOUR_OLD_5MIN", NOW.minus(Duration.ofMinutes(5)));
        last.put("DAY2_10MIN", NOW.minus(Duration.ofMinutes(10)));
        last.put("DAY2_20MIN", NOW.minus(Duration.ofMinutes(20)));
        last.put("DAY3_50MIN", NOW.minus(Duration.ofMinutes(50)));
        last.put("DAY3_61MIN", NOW.minus(Duration.ofMinutes(61)));
        last.put("DAY6_3H", NOW.minus(Duration.ofHours(3)));
        last.put("DAY6_4H", NOW.minus(Duration.ofHours(4)));
        last.put("CANCELLED", NOW.minus(Duration.ofDays(1)));

        assertThat(schedule.due(campaigns, last)).containsExactly("HOUR_OLD_5MIN", "HOUR_OLD_NEVER", "DAY2_20MIN",
                "DAY3_61MIN", "DAY6_4H", "SENT_BY_ERP");
    }

    @Test
    void startsAtComesBeforeSentAt() {
        Campaign c = new Campaign("C", "c", null, "utm_c", null, NOW.minus(Duration.ofDays(8)),
                NOW.minus(Duration.ofHours(1)), 5, CampaignStatus.DONE);
        assertThat(RefreshSchedule.start(c)).contains(NOW.minus(Duration.ofDays(8)));
        assertThat(schedule.isDue(c, null)).as("a week after its start").isFalse();
    }
}
