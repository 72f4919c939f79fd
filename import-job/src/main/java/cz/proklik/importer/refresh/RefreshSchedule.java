package cz.proklik.importer.refresh;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a campaign is refreshed by itself (seed 002: every 5 minutes after the start, slowing, no automatic refresh
 * a week after the start, when recipients have decided). The curve, by the campaign's age (now - start, the start
 * being {@code starts_at}, else {@code sent_at}):
 * <pre>
 * first day        every 5 minutes
 * day 2            every 15 minutes
 * days 3 and 4     every hour
 * days 5 to 7      every 4 hours
 * from day 8       never (import --campaign ID or --all still refresh it)
 * </pre>
 * A campaign is due when it was never refreshed or its last refresh is at least one interval old. A campaign without
 * a start, one starting in the future and a cancelled one are never due.
 */
public final class RefreshSchedule {
    /** How often {@code import --every auto} asks which campaigns are due. */
    public static final Duration TICK = Duration.ofMinutes(1);
    /**
     * {@code import --every auto} imports the click logs at least this often even when no campaign is due: the files
     * are per node, not per campaign, and must not pile up there (late clicks of old campaigns, privacy).
     */
    public static final Duration HOUSEKEEPING = Duration.ofDays(1);
    /** The automatic refreshes stop this long after the start. */
    public static final Duration STOP_AFTER = Duration.ofDays(7);

    private static final List<Step> CURVE = List.of(
            new Step(Duration.ofDays(1), Duration.ofMinutes(5)),
            new Step(Duration.ofDays(2), Duration.ofMinutes(15)),
            new Step(Duration.ofDays(4), Duration.ofHours(1)),
            new Step(STOP_AFTER, Duration.ofHours(4)));

    /** Up to {@code age} (exclusive) the refresh interval is {@code every}. */
    private record Step(Duration age, Duration every) {
    }

    private final Clock clock;

    public RefreshSchedule(Clock clock) {
        this.clock = clock;
    }

    /** The interval at this age since the start; empty before the start and from {@link #STOP_AFTER} on. */
    public static Optional<Duration> interval(Duration age) {
        if (age.isNegative()) {
            return Optional.empty();
        }
        return CURVE.stream().filter(s -> age.compareTo(s.age()) < 0).findFirst().map(Step::every);
    }

    /** The start the curve counts from: starts_at, else sent_at; empty for a campaign not started. */
    public static Optional<Instant> start(Campaign c) {
        return Optional.ofNullable(c.startsAt() != null ? c.startsAt() : c.sentAt());
    }

    /** Whether {@code c}, last refreshed at {@code lastRefresh} (null = never), is due now. */
    public boolean isDue(Campaign c, Instant lastRefresh) {
        Instant now = clock.instant();
        Optional<Instant> start = start(c);
        if (c.status() == CampaignStatus.CANCELLED || start.isEmpty()) {
            return false;
        }
        Optional<Duration> every = interval(Duration.between(start.get(), now));
        return every.isPresent() && (lastRefresh == null || !lastRefresh.plus(every.get()).isAfter(now));
    }

    /** The ids of the campaigns due now, in the order given. */
    public List<String> due(Collection<Campaign> campaigns, Map<String, Instant> lastRefresh) {
        return campaigns.stream().filter(c -> isDue(c, lastRefresh.get(c.id()))).map(Campaign::id).toList();
    }
}
