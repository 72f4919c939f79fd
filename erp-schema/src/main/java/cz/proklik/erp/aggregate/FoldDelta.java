package cz.proklik.erp.aggregate;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a set of counted events - one import file, a group of them, or one slice of the raw table - adds to the
 * aggregates, summed in memory from one read of those events ({@link #read}, {@link #add(JdbcTemplate, String,
 * Object...)}): one entry per campaign+recipient, campaign+recipient+link, hour and hour since the send. {@link
 * FoldWriter} then touches each aggregate row once for it, instead of one set-based statement per aggregate re-reading
 * and re-grouping the same events (issue 18: the fold cost 121 of 197 s of a 1 M event import that way).
 * <p>
 * Compact on purpose (issue 18: a group of two files as one delta ran out of the 512 MB heap): times are epoch
 * milliseconds ({@code DATETIME2(3)} holds no more), campaign and link ids are shared by all rows that name them, and
 * the clean clicks are not held here but copied set-based by {@link AggregateSql#insertCleanClicks} from the same
 * events; about 150 bytes per recipient row.
 * <p>
 * The sums follow the aggregates' definitions exactly (docs/evaluation.md, and the SQL the rebuild used before): the
 * variant of a recipient is the largest one among its events, an hour is the clock hour of the event time, an hour
 * since the send counts whole-second boundaries ({@code DATEDIFF(SECOND, ...) / 3600} on both engines), -1 before it.
 */
final class FoldDelta {
    /** Sorted by campaign, then recipient: the order the fold writes rows in. */
    record RecipientKey(String campaignId, String recipientId) implements Comparable<RecipientKey> {
        @Override
        public int compareTo(RecipientKey other) {
            int c = campaignId.compareTo(other.campaignId);
            return c != 0 ? c : recipientId.compareTo(other.recipientId);
        }
    }

    record LinkKey(String campaignId, String recipientId, String linkId) implements Comparable<LinkKey> {
        RecipientKey recipient() {
            return new RecipientKey(campaignId, recipientId);
        }

        /** Orders against a recipient key: a recipient's links sort after the recipient's own key. */
        int compareToRecipient(RecipientKey r) {
            int c = campaignId.compareTo(r.campaignId());
            return c != 0 ? c : recipientId.compareTo(r.recipientId());
        }

        @Override
        public int compareTo(LinkKey other) {
            int c = compareToRecipient(new RecipientKey(other.campaignId, other.recipientId));
            return c != 0 ? c : linkId.compareTo(other.linkId);
        }
    }

    /**
     * A clean click as {@code pkl_agg_click} keys it (the rebuild's runs hold them; a file's fold copies them
     * set-based instead): sorted as the table's primary key.
     */
    record ClickKey(String recipientId, long clickedAt, String eventId) implements Comparable<ClickKey> {
        @Override
        public int compareTo(ClickKey other) {
            int c = recipientId.compareTo(other.recipientId);
            if (c == 0) {
                c = Long.compare(clickedAt, other.clickedAt);
            }
            return c != 0 ? c : eventId.compareTo(other.eventId);
        }
    }

    /** What {@code pkl_agg_click} holds of a clean click besides its key. */
    record ClickRow(String campaignId, String linkId) {
    }

    /** No time: the row has no such event. */
    static final long NONE = Long.MIN_VALUE;

    /**
     * The counts of {@link #hours} and {@link #sendHours}, in the order of their columns: opens_raw, opens_clean,
     * clicks_raw, clicks_clean.
     */
    static final int OPENS_RAW = 0;
    static final int CLICKS_RAW = 2;

    final Map<RecipientKey, RecipientRow> recipients = new HashMap<>();
    final Map<LinkKey, LinkRow> links = new HashMap<>();
    final Map<List<Object>, long[]> hours = new HashMap<>();
    final Map<List<Object>, long[]> sendHours = new HashMap<>();
    /** The clean clicks, kept only by {@link #readWithCleanClicks}. */
    final List<Map.Entry<ClickKey, ClickRow>> cleanClicks = new ArrayList<>();
    private boolean keepCleanClicks;
    /** The rebuild's send times; null: each event comes with its send's (the fold of a file). */
    private SendTimes sendTimes;
    private final Map<String, String[]> segmentValues = new HashMap<>();
    /** One instance per distinct campaign, link and variant id: thousands of rows name each. */
    private final Map<String, String> shared = new HashMap<>();
    private long earliestCleanClick = NONE;
    private long events;

    /** Reads the counted events matching {@code filter} (bound to {@code args}) once and sums them. */
    static FoldDelta read(JdbcTemplate jdbc, String filter, Object... args) {
        FoldDelta delta = new FoldDelta();
        delta.add(jdbc, filter, args);
        return delta;
    }

    /**
     * The rebuild's read of a slice: as {@link #read}, but the send times from {@code sendTimes} (read once) instead
     * of a join per event, without the send's variant (the rebuild computes the campaign totals from its rows), and
     * keeping the clean clicks ({@link #cleanClicks}), which the rebuild writes from its sorted runs in key order
     * instead of a second read of the slice copying them set-based.
     */
    static FoldDelta readForRebuild(JdbcTemplate jdbc, SendTimes sendTimes, String filter, Object... args) {
        FoldDelta delta = new FoldDelta();
        delta.keepCleanClicks = true;
        delta.sendTimes = sendTimes;
        jdbc.query(AggregateSql.foldEventsForRebuild(filter), rs -> {
            delta.add(rs);
        }, args);
        return delta;
    }

    /** Adds the counted events matching {@code filter} (bound to {@code args}) to these sums: another file of a group. */
    void add(JdbcTemplate jdbc, String filter, Object... args) {
        jdbc.query(AggregateSql.foldEvents(filter), rs -> {
            add(rs);
        }, args);
    }

    /**
     * Reads the segment values ({@link Segment}) of the recipients who clicked among the same events, for the link
     * totals by segment; a fold that leaves those totals to a refresh (the rebuild) does not need them.
     */
    void readSegmentValues(JdbcTemplate jdbc, String filter, Object... args) {
        jdbc.query(Segment.valuesOfClickers(filter), rs -> {
            String[] values = new String[Segment.values().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = share(rs.getString(i + 2));
            }
            segmentValues.putIfAbsent(rs.getString(1), values);
        }, args);
    }

    /** By recipient id, the values {@link #readSegmentValues} read (in the order of {@link Segment#values()}). */
    Map<String, String[]> segmentValues() {
        return segmentValues;
    }

    private String share(String value) {
        return value == null ? null : shared.computeIfAbsent(value, v -> v);
    }

    private void add(ResultSet rs) throws SQLException {
        String campaign = share(rs.getString("campaign_id"));
        String recipient = rs.getString("recipient_id");
        boolean click = "click".equals(rs.getString("event_type"));
        boolean clean = rs.getBoolean("is_clean");
        LocalDateTime eventTime = rs.getObject("event_time", LocalDateTime.class);
        long time = millis(eventTime);
        RecipientRow row = recipients.computeIfAbsent(new RecipientKey(campaign, recipient), k -> new RecipientRow());
        row.add(click, clean, time, share(rs.getString("variant")));
        long base;
        if (sendTimes == null) {
            String sendVariant = rs.getString("send_variant");
            if (sendVariant != null) {
                row.sendVariant = share(sendVariant);
            }
            base = millis(rs.getObject("send_base", LocalDateTime.class));
        } else {
            base = sendTimes.sentAt(campaign, recipient, millis(rs.getObject("campaign_base", LocalDateTime.class)));
        }
        int column = click ? CLICKS_RAW : OPENS_RAW;
        count(hours, List.of(campaign, eventTime.truncatedTo(ChronoUnit.HOURS)), column, clean);
        if (base != NONE) {
            count(sendHours, List.of(campaign, hourSinceSend(base, time)), column, clean);
        }
        if (click) {
            String link = share(rs.getString("link_id"));
            links.computeIfAbsent(new LinkKey(campaign, recipient, link), k -> new LinkRow()).add(clean, time);
            if (clean && (earliestCleanClick == NONE || time < earliestCleanClick)) {
                earliestCleanClick = time;
            }
            if (clean && keepCleanClicks) {
                cleanClicks.add(Map.entry(new ClickKey(recipient, time, rs.getString("event_id")),
                        new ClickRow(campaign, link)));
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
        return hourSinceSend(millis(base), millis(time));
    }

    /** As {@link #hourSinceSend(LocalDateTime, LocalDateTime)}, of epoch milliseconds. */
    static int hourSinceSend(long base, long time) {
        if (time < base) {
            return -1;
        }
        long seconds = Math.floorDiv(time, 1000) - Math.floorDiv(base, 1000);
        return (int) (seconds / 3600);
    }

    static long millis(LocalDateTime t) {
        return t == null ? NONE : t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The column value of a time of these rows: null for {@link #NONE}. */
    static LocalDateTime time(long millis) {
        return millis == NONE ? null : LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000),
                (int) Math.floorMod(millis, 1000) * 1_000_000, ZoneOffset.UTC);
    }

    /** The earliest clean click among the events, or null: orders after it need a new attribution. */
    LocalDateTime earliestCleanClick() {
        return time(earliestCleanClick);
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
        /** A delta's only: the variant of the recipient's send row, if it has one (the campaign totals prefer it). */
        String sendVariant;
        int opensRaw;
        int opensClean;
        long firstOpenRaw = NONE;
        long lastOpenRaw = NONE;
        long firstOpenClean = NONE;
        long lastOpenClean = NONE;
        int clicksRaw;
        int clicksClean;
        long firstClickRaw = NONE;
        long lastClickRaw = NONE;
        long firstClickClean = NONE;
        long lastClickClean = NONE;

        void add(boolean click, boolean clean, long t, String eventVariant) {
            variant = largerVariant(variant, eventVariant);
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

        /**
         * Adds another partial sum of the same recipient's events to this one (the rebuild's merge of sorted runs):
         * counts add, times widen, the variant is the largest among both - as if {@link #add} had seen every event
         * of both. The send's variant is the same for both whenever either knows it.
         */
        void combine(RecipientRow other) {
            variant = largerVariant(variant, other.variant);
            if (sendVariant == null) {
                sendVariant = other.sendVariant;
            }
            opensRaw += other.opensRaw;
            opensClean += other.opensClean;
            firstOpenRaw = min(firstOpenRaw, other.firstOpenRaw);
            lastOpenRaw = max(lastOpenRaw, other.lastOpenRaw);
            firstOpenClean = min(firstOpenClean, other.firstOpenClean);
            lastOpenClean = max(lastOpenClean, other.lastOpenClean);
            clicksRaw += other.clicksRaw;
            clicksClean += other.clicksClean;
            firstClickRaw = min(firstClickRaw, other.firstClickRaw);
            lastClickRaw = max(lastClickRaw, other.lastClickRaw);
            firstClickClean = min(firstClickClean, other.firstClickClean);
            lastClickClean = max(lastClickClean, other.lastClickClean);
        }

        /**
         * This stored row with {@code d} folded in: as {@link #combine}, except that a stored variant stays (a file
         * folded later does not re-label a recipient the reports already show under a variant).
         */
        RecipientRow plus(RecipientRow d) {
            RecipientRow r = new RecipientRow();
            r.combine(this);
            r.combine(d);
            r.sendVariant = null;
            r.variant = variant != null ? variant : d.variant;
            return r;
        }
    }

    /** The variant rule of a recipient: the largest among its events' (null: none). */
    static String largerVariant(String a, String b) {
        return b == null || (a != null && a.compareTo(b) >= 0) ? a : b;
    }

    /** A row of {@code pkl_agg_recipient_link}: a recipient's clicks on one link. */
    static final class LinkRow {
        int clicksRaw;
        int clicksClean;
        long firstClickRaw = NONE;
        long lastClickRaw = NONE;
        long firstClickClean = NONE;
        long lastClickClean = NONE;

        void add(boolean clean, long t) {
            clicksRaw++;
            firstClickRaw = min(firstClickRaw, t);
            lastClickRaw = max(lastClickRaw, t);
            if (clean) {
                clicksClean++;
                firstClickClean = min(firstClickClean, t);
                lastClickClean = max(lastClickClean, t);
            }
        }

        /** Adds another partial sum of the same recipient's clicks on the link (see {@link RecipientRow#combine}). */
        void combine(LinkRow other) {
            clicksRaw += other.clicksRaw;
            clicksClean += other.clicksClean;
            firstClickRaw = min(firstClickRaw, other.firstClickRaw);
            lastClickRaw = max(lastClickRaw, other.lastClickRaw);
            firstClickClean = min(firstClickClean, other.firstClickClean);
            lastClickClean = max(lastClickClean, other.lastClickClean);
        }

        /** This stored row with {@code d} folded in. */
        LinkRow plus(LinkRow d) {
            LinkRow r = new LinkRow();
            r.combine(this);
            r.combine(d);
            return r;
        }
    }

    static long min(long a, long b) {
        return a == NONE ? b : b == NONE || b >= a ? a : b;
    }

    static long max(long a, long b) {
        return a == NONE ? b : b == NONE || b <= a ? a : b;
    }
}
