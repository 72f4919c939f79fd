package cz.proklik.erp.aggregate;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of counted events - one import file, or one slice of the raw table - adds to the aggregates, summed in
 * memory from one read of those events ({@link #read}): one entry per campaign+recipient, campaign+recipient+link,
 * hour and hour since the send, and the clean clicks. {@link FoldWriter} then touches each aggregate row once for it,
 * instead of one set-based statement per aggregate re-reading and re-grouping the same events (issue 18: the fold
 * cost 121 of 197 s of a 1 M event import that way).
 * <p>
 * The sums follow the aggregates' definitions exactly (docs/evaluation.md, and the SQL the rebuild used before): the
 * variant of a recipient is the largest one among its events, an hour is the clock hour of the event time, an hour
 * since the send counts whole-second boundaries ({@code DATEDIFF(SECOND, ...) / 3600} on both engines), -1 before it.
 */
final class FoldDelta {
    /** Sorted by campaign, then recipient: the order the fold writes rows in. */
    record RecipientKey(String campaignId, String recipientId) implements Comparable<RecipientKey> {
        private static final Comparator<RecipientKey> ORDER = Comparator.comparing(RecipientKey::campaignId)
                .thenComparing(RecipientKey::recipientId);

        @Override
        public int compareTo(RecipientKey other) {
            return ORDER.compare(this, other);
        }
    }

    record LinkKey(String campaignId, String recipientId, String linkId) implements Comparable<LinkKey> {
        private static final Comparator<LinkKey> ORDER = Comparator.comparing(LinkKey::campaignId)
                .thenComparing(LinkKey::recipientId).thenComparing(LinkKey::linkId);

        RecipientKey recipient() {
            return new RecipientKey(campaignId, recipientId);
        }

        @Override
        public int compareTo(LinkKey other) {
            return ORDER.compare(this, other);
        }
    }

    record CleanClick(String recipientId, LocalDateTime clickedAt, String eventId, String campaignId, String linkId) {
    }

    /**
     * The counts of {@link #hours} and {@link #sendHours}, in the order of their columns: opens_raw, opens_clean,
     * clicks_raw, clicks_clean.
     */
    static final int OPENS_RAW = 0;
    static final int CLICKS_RAW = 2;

    final Map<RecipientKey, RecipientRow> recipients = new HashMap<>();
    /** The variant of each recipient's send row, where it has one with a variant (the campaign totals prefer it). */
    final Map<RecipientKey, String> sendVariants = new HashMap<>();
    final Map<LinkKey, LinkRow> links = new HashMap<>();
    final Map<List<Object>, long[]> hours = new HashMap<>();
    final Map<List<Object>, long[]> sendHours = new HashMap<>();
    final List<CleanClick> cleanClicks = new ArrayList<>();
    private final Map<String, String[]> segmentValues = new HashMap<>();
    private LocalDateTime earliestCleanClick;
    private long events;

    /** Reads the counted events matching {@code filter} (bound to {@code args}) once and sums them. */
    static FoldDelta read(JdbcTemplate jdbc, String filter, Object... args) {
        FoldDelta delta = new FoldDelta();
        jdbc.query(AggregateSql.foldEvents(filter), rs -> {
            delta.add(rs);
        }, args);
        return delta;
    }

    /**
     * Reads the segment values ({@link Segment}) of the recipients who clicked among the same events, for the link
     * totals by segment; a fold that leaves those totals to a refresh (the rebuild) does not need them.
     */
    void readSegmentValues(JdbcTemplate jdbc, String filter, Object... args) {
        jdbc.query(Segment.valuesOfClickers(filter), rs -> {
            String[] values = new String[Segment.values().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = rs.getString(i + 2);
            }
            segmentValues.putIfAbsent(rs.getString(1), values);
        }, args);
    }

    /** By recipient id, the values {@link #readSegmentValues} read (in the order of {@link Segment#values()}). */
    Map<String, String[]> segmentValues() {
        return segmentValues;
    }

    private void add(ResultSet rs) throws SQLException {
        String campaign = rs.getString("campaign_id");
        String recipient = rs.getString("recipient_id");
        boolean click = "click".equals(rs.getString("event_type"));
        boolean clean = rs.getBoolean("is_clean");
        LocalDateTime time = rs.getObject("event_time", LocalDateTime.class);
        RecipientKey key = new RecipientKey(campaign, recipient);
        recipients.computeIfAbsent(key, k -> new RecipientRow()).add(click, clean, time, rs.getString("variant"));
        String sendVariant = rs.getString("send_variant");
        if (sendVariant != null) {
            sendVariants.put(key, sendVariant);
        }
        int column = click ? CLICKS_RAW : OPENS_RAW;
        count(hours, List.of(campaign, time.truncatedTo(ChronoUnit.HOURS)), column, clean);
        LocalDateTime base = rs.getObject("send_base", LocalDateTime.class);
        if (base != null) {
            count(sendHours, List.of(campaign, hourSinceSend(base, time)), column, clean);
        }
        if (click) {
            String link = rs.getString("link_id");
            links.computeIfAbsent(new LinkKey(campaign, recipient, link), k -> new LinkRow()).add(clean, time);
            if (clean) {
                cleanClicks.add(new CleanClick(recipient, time, rs.getString("event_id"), campaign, link));
                if (earliestCleanClick == null || time.isBefore(earliestCleanClick)) {
                    earliestCleanClick = time;
                }
            }
        }
        events++;
    }

    private static void count(Map<List<Object>, long[]> table, List<Object> key, int rawColumn, boolean clean) {
        long[] counts = table.computeIfAbsent(key, k -> new long[4]);
        counts[rawColumn]++;
        if (clean) {
            counts[rawColumn + 1]++;
        }
    }

    /** Whole hours since the send as both engines' {@code DATEDIFF(SECOND, base, t) / 3600}; -1 before the send. */
    static int hourSinceSend(LocalDateTime base, LocalDateTime time) {
        if (time.isBefore(base)) {
            return -1;
        }
        long seconds = Math.floorDiv(millis(time), 1000) - Math.floorDiv(millis(base), 1000);
        return (int) (seconds / 3600);
    }

    private static long millis(LocalDateTime t) {
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The earliest clean click among the events, or null: orders after it need a new attribution. */
    LocalDateTime earliestCleanClick() {
        return earliestCleanClick;
    }

    /** How many counted events were summed. */
    long events() {
        return events;
    }

    /**
     * A row of {@code pkl_agg_recipient}: the counts and first/last times of a recipient's opens and clicks. As a
     * delta it sums events ({@link #add}); {@link #plus} is the stored row with a delta folded in.
     */
    static final class RecipientRow {
        String variant;
        int opensRaw;
        int opensClean;
        LocalDateTime firstOpenRaw;
        LocalDateTime lastOpenRaw;
        LocalDateTime firstOpenClean;
        LocalDateTime lastOpenClean;
        int clicksRaw;
        int clicksClean;
        LocalDateTime firstClickRaw;
        LocalDateTime lastClickRaw;
        LocalDateTime firstClickClean;
        LocalDateTime lastClickClean;

        void add(boolean click, boolean clean, LocalDateTime t, String eventVariant) {
            if (eventVariant != null && (variant == null || eventVariant.compareTo(variant) > 0)) {
                variant = eventVariant;
            }
            if (click) {
                clicksRaw++;
                firstClickRaw = min(firstClickRaw, t);
                lastClickRaw = max(lastClickRaw, t);
                if (clean) {
                    clicksClean++;
                    firstClickClean = min(firstClickClean, t);
                    lastClickClean = max(lastClickClean, t);
                }
            } else {
                opensRaw++;
                firstOpenRaw = min(firstOpenRaw, t);
                lastOpenRaw = max(lastOpenRaw, t);
                if (clean) {
                    opensClean++;
                    firstOpenClean = min(firstOpenClean, t);
                    lastOpenClean = max(lastOpenClean, t);
                }
            }
        }

        /** This stored row with {@code d} folded in: counts add, times widen, a variant once set stays. */
        RecipientRow plus(RecipientRow d) {
            RecipientRow r = new RecipientRow();
            r.variant = variant != null ? variant : d.variant;
            r.opensRaw = opensRaw + d.opensRaw;
            r.opensClean = opensClean + d.opensClean;
            r.firstOpenRaw = min(firstOpenRaw, d.firstOpenRaw);
            r.lastOpenRaw = max(lastOpenRaw, d.lastOpenRaw);
            r.firstOpenClean = min(firstOpenClean, d.firstOpenClean);
            r.lastOpenClean = max(lastOpenClean, d.lastOpenClean);
            r.clicksRaw = clicksRaw + d.clicksRaw;
            r.clicksClean = clicksClean + d.clicksClean;
            r.firstClickRaw = min(firstClickRaw, d.firstClickRaw);
            r.lastClickRaw = max(lastClickRaw, d.lastClickRaw);
            r.firstClickClean = min(firstClickClean, d.firstClickClean);
            r.lastClickClean = max(lastClickClean, d.lastClickClean);
            return r;
        }
    }

    /** A row of {@code pkl_agg_recipient_link}: a recipient's clicks on one link. */
    static final class LinkRow {
        int clicksRaw;
        int clicksClean;
        LocalDateTime firstClickRaw;
        LocalDateTime lastClickRaw;
        LocalDateTime firstClickClean;
        LocalDateTime lastClickClean;

        void add(boolean clean, LocalDateTime t) {
            clicksRaw++;
            firstClickRaw = min(firstClickRaw, t);
            lastClickRaw = max(lastClickRaw, t);
            if (clean) {
                clicksClean++;
                firstClickClean = min(firstClickClean, t);
                lastClickClean = max(lastClickClean, t);
            }
        }

        LinkRow plus(LinkRow d) {
            LinkRow r = new LinkRow();
            r.clicksRaw = clicksRaw + d.clicksRaw;
            r.clicksClean = clicksClean + d.clicksClean;
            r.firstClickRaw = min(firstClickRaw, d.firstClickRaw);
            r.lastClickRaw = max(lastClickRaw, d.lastClickRaw);
            r.firstClickClean = min(firstClickClean, d.firstClickClean);
            r.lastClickClean = max(lastClickClean, d.lastClickClean);
            return r;
        }
    }

    static LocalDateTime min(LocalDateTime a, LocalDateTime b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

    static LocalDateTime max(LocalDateTime a, LocalDateTime b) {
        return a == null ? b : b == null || !b.isAfter(a) ? a : b;
    }
}
