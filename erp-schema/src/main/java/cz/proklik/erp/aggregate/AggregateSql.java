package cz.proklik.erp.aggregate;

import java.util.List;

/**
 * The SQL of the aggregates (schema V2): every statement the fold of a file and the rebuild send, by name. They are
 * composed rather than written out: the per-recipient deltas are the source of three MERGEs each, and the fold of one
 * file and a slice of the rebuild differ only in which events they read ({@link #BY_FILE}, {@link #SLICE}), so a
 * {@code .sql} file of named statements (listmonk's way) would need a template language of its own to say the same;
 * here the parts are Java text blocks, named and composed in one place, and only code constants are ever spliced in.
 * <p>
 * No statement here needs a HOLDLOCK: every writer of the aggregates ({@code addFile}, the attribution refresh, the
 * rebuild) first takes the {@code pkl_agg_rebuild_state} row ({@link RebuildState}), which serialises them.
 */
final class AggregateSql {

    /** Events that count: opens and clicks of a known campaign and recipient. */
    static final String COUNTED = """
            e.event_type IN ('open', 'click') AND e.campaign_id IS NOT NULL AND e.recipient_id IS NOT NULL""";

    /**
     * One file's events, bounded by the file's id range as well (read once per file): through the narrow
     * {@code (file_id)} index alone SQL Server would scan all of pkl_event for a large file (review finding 15).
     */
    static final String BY_FILE = "e.file_id = ? AND e.id BETWEEN ? AND ?";
    static final String FOLDED = "(e.file_id IS NULL OR e.file_id IN (SELECT d.file_id FROM pkl_agg_file_done d))";
    static final String SLICE = FOLDED + " AND e.id > ? AND e.id <= ?";
    /**
     * The end of the next slice: the id {@code rebuildSlice} existing events on, not {@code rebuildSlice} ids on -
     * SQL Server's IGNORE_DUP_KEY burns an IDENTITY value per skipped duplicate, so id ranges can be mostly empty
     * (review finding 11).
     */
    static final String NEXT_SLICE_END = """
            SELECT MAX(x.id) FROM (SELECT TOP (?) e.id FROM pkl_event e WHERE e.id > ? AND e.id <= ? ORDER BY e.id) x""";
    /** Import files done importing whose events are not in the aggregates yet. */
    static final String IMPORTED_NOT_FOLDED = """
            f.status = 'imported' AND NOT EXISTS (SELECT 1 FROM pkl_agg_file_done d WHERE d.file_id = f.file_id)""";

    /**
     * Rows of an aggregate the rebuild deletes per transaction, so that neither H2's file nor SQL Server's log holds
     * a whole table's delete at once.
     */
    static final int DELETE_BATCH = 100_000;

    /** The aggregates rebuild empties, per-recipient ones first (the campaign-level ones are small). */
    static final List<String> REBUILT_TABLES = List.of("pkl_agg_recipient", "pkl_agg_recipient_link",
            "pkl_agg_click", "pkl_agg_campaign", "pkl_agg_link", "pkl_agg_link_segment", "pkl_agg_hour",
            "pkl_agg_send_hour");

    /** Marks one file folded (the fold's idempotence: a second fold of it inserts nothing). */
    static final String MARK_FOLDED = """
            INSERT INTO pkl_agg_file_done (file_id, folded_at)
            SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM pkl_agg_file_done WHERE file_id = ?)""";

    /** A file's first and last event id, read once so every statement of its fold reads a bounded id range. */
    static final String FILE_ID_RANGE = "SELECT MIN(id) AS lo, MAX(id) AS hi FROM pkl_event WHERE file_id = ?";

    /** The earliest clean click of a file's events: orders after it need a new attribution. */
    static final String EARLIEST_CLEAN_CLICK = "SELECT MIN(e.event_time) AS earliest FROM pkl_event e WHERE " + BY_FILE
            + " AND e.event_type = 'click' AND e.is_clean = 1 AND e.recipient_id IS NOT NULL";

    static final String IS_FOLDED = "SELECT COUNT(*) FROM pkl_agg_file_done WHERE file_id = ?";

    /** The rebuild folds the imported files not folded yet itself: marks them. */
    static final String MARK_IMPORTED_FOLDED = "INSERT INTO pkl_agg_file_done (file_id, folded_at)"
            + " SELECT f.file_id, ? FROM pkl_import_file f WHERE " + IMPORTED_NOT_FOLDED;

    /** Files whose import finished while a rebuild ran: it folds them at its end. */
    static final String LEFT_TO_REBUILD = "SELECT f.file_id FROM pkl_import_file f WHERE " + IMPORTED_NOT_FOLDED
            + " ORDER BY f.file_id";

    static final String LAST_EVENT_ID = "SELECT COALESCE(MAX(id), 0) FROM pkl_event";

    private AggregateSql() {
    }

    /** Deletes a batch of rows of one of {@link #REBUILT_TABLES} (batches, not TRUNCATE: see the rebuild). */
    static String deleteBatch(String table) {
        if (!REBUILT_TABLES.contains(table)) {
            throw new IllegalArgumentException("not an aggregate the rebuild empties: " + table);
        }
        return "DELETE TOP (" + DELETE_BATCH + ") FROM " + table;
    }

    /** Per campaign and recipient: what the events matching {@code filter} add (one '?' at most). */
    static String recipientDelta(String filter) {
        return """
                    SELECT e.campaign_id, e.recipient_id, MAX(e.variant) AS variant,
                           SUM(CASE WHEN e.event_type = 'open' THEN 1 ELSE 0 END) AS opens_raw,
                           SUM(CASE WHEN e.event_type = 'open' AND e.is_clean = 1 THEN 1 ELSE 0 END) AS opens_clean,
                           MIN(CASE WHEN e.event_type = 'open' THEN e.event_time END) AS first_open_raw,
                           MAX(CASE WHEN e.event_type = 'open' THEN e.event_time END) AS last_open_raw,
                           MIN(CASE WHEN e.event_type = 'open' AND e.is_clean = 1 THEN e.event_time END) AS first_open_clean,
                           MAX(CASE WHEN e.event_type = 'open' AND e.is_clean = 1 THEN e.event_time END) AS last_open_clean,
                           SUM(CASE WHEN e.event_type = 'click' THEN 1 ELSE 0 END) AS clicks_raw,
                           SUM(CASE WHEN e.event_type = 'click' AND e.is_clean = 1 THEN 1 ELSE 0 END) AS clicks_clean,
                           MIN(CASE WHEN e.event_type = 'click' THEN e.event_time END) AS first_click_raw,
                           MAX(CASE WHEN e.event_type = 'click' THEN e.event_time END) AS last_click_raw,
                           MIN(CASE WHEN e.event_type = 'click' AND e.is_clean = 1 THEN e.event_time END) AS first_click_clean,
                           MAX(CASE WHEN e.event_type = 'click' AND e.is_clean = 1 THEN e.event_time END) AS last_click_clean
                    FROM pkl_event e
                    WHERE %s AND %s
                    GROUP BY e.campaign_id, e.recipient_id""".formatted(filter, COUNTED);
    }

    /** Per campaign, recipient and link: the clicks matching {@code filter} (one '?' at most). */
    static String recipientLinkDelta(String filter) {
        return """
                    SELECT e.campaign_id, e.recipient_id, COALESCE(e.link_id, N'') AS link_id,
                           COUNT(*) AS clicks_raw,
                           SUM(CASE WHEN e.is_clean = 1 THEN 1 ELSE 0 END) AS clicks_clean,
                           MIN(e.event_time) AS first_click_raw, MAX(e.event_time) AS last_click_raw,
                           MIN(CASE WHEN e.is_clean = 1 THEN e.event_time END) AS first_click_clean,
                           MAX(CASE WHEN e.is_clean = 1 THEN e.event_time END) AS last_click_clean
                    FROM pkl_event e
                    WHERE %s AND %s AND e.event_type = 'click'
                    GROUP BY e.campaign_id, e.recipient_id, COALESCE(e.link_id, N'')""".formatted(filter, COUNTED);
    }

    /**
     * Adds a file's events to pkl_agg_campaign: totals add up; a unique count grows by the recipients that have
     * such an event in the file and none in pkl_agg_recipient yet. Variant as in {@link #refreshCampaigns}.
     */
    static String campaignTotalsDelta(String filter) {
        return """
                MERGE INTO pkl_agg_campaign t
                USING (
                    SELECT g.campaign_id, g.variant, SUM(g.opens_raw) AS opens_raw, SUM(g.opens_clean) AS opens_clean,
                           SUM(g.new_opens_raw) AS unique_opens_raw, SUM(g.new_opens_clean) AS unique_opens_clean,
                           SUM(g.clicks_raw) AS clicks_raw, SUM(g.clicks_clean) AS clicks_clean,
                           SUM(g.new_clicks_raw) AS unique_clicks_raw, SUM(g.new_clicks_clean) AS unique_clicks_clean,
                           SUM(g.new_recipient) AS recipients_reacted
                    FROM (
                        SELECT d.campaign_id, COALESCE(s.variant, r.variant, d.variant, N'') AS variant,
                               d.opens_raw, d.opens_clean, d.clicks_raw, d.clicks_clean,
                               CASE WHEN d.opens_raw > 0 AND COALESCE(r.opens_raw, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_opens_raw,
                               CASE WHEN d.opens_clean > 0 AND COALESCE(r.opens_clean, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_opens_clean,
                               CASE WHEN d.clicks_raw > 0 AND COALESCE(r.clicks_raw, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_clicks_raw,
                               CASE WHEN d.clicks_clean > 0 AND COALESCE(r.clicks_clean, 0) = 0 THEN 1 ELSE 0 END
                                   AS new_clicks_clean,
                               CASE WHEN r.campaign_id IS NULL THEN 1 ELSE 0 END AS new_recipient
                        FROM (%s) d
                        LEFT JOIN pkl_agg_recipient r ON r.campaign_id = d.campaign_id
                                                     AND r.recipient_id = d.recipient_id
                        LEFT JOIN pkl_send s ON s.campaign_id = d.campaign_id AND s.recipient_id = d.recipient_id
                    ) g
                    GROUP BY g.campaign_id, g.variant
                ) s ON (t.campaign_id = s.campaign_id AND t.variant = s.variant)
                WHEN MATCHED THEN UPDATE SET
                    opens_raw = t.opens_raw + s.opens_raw, opens_clean = t.opens_clean + s.opens_clean,
                    unique_opens_raw = t.unique_opens_raw + s.unique_opens_raw,
                    unique_opens_clean = t.unique_opens_clean + s.unique_opens_clean,
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean,
                    unique_clicks_raw = t.unique_clicks_raw + s.unique_clicks_raw,
                    unique_clicks_clean = t.unique_clicks_clean + s.unique_clicks_clean,
                    recipients_reacted = t.recipients_reacted + s.recipients_reacted
                WHEN NOT MATCHED THEN INSERT (campaign_id, variant, opens_raw, opens_clean, unique_opens_raw,
                        unique_opens_clean, clicks_raw, clicks_clean, unique_clicks_raw, unique_clicks_clean,
                        recipients_reacted)
                    VALUES (s.campaign_id, s.variant, s.opens_raw, s.opens_clean, s.unique_opens_raw,
                        s.unique_opens_clean, s.clicks_raw, s.clicks_clean, s.unique_clicks_raw,
                        s.unique_clicks_clean, s.recipients_reacted);""".formatted(recipientDelta(filter));
    }

    /** Adds a file's clicks to pkl_agg_link; unique counts grow by recipients new to the link. */
    static String linkTotalsDelta(String filter) {
        return """
                MERGE INTO pkl_agg_link t
                USING (
                    SELECT d.campaign_id, d.link_id, SUM(d.clicks_raw) AS clicks_raw,
                           SUM(d.clicks_clean) AS clicks_clean,
                           SUM(CASE WHEN d.clicks_raw > 0 AND COALESCE(r.clicks_raw, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_raw,
                           SUM(CASE WHEN d.clicks_clean > 0 AND COALESCE(r.clicks_clean, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_clean
                    FROM (%s) d
                    LEFT JOIN pkl_agg_recipient_link r ON r.campaign_id = d.campaign_id
                                                      AND r.recipient_id = d.recipient_id AND r.link_id = d.link_id
                    GROUP BY d.campaign_id, d.link_id
                ) s ON (t.campaign_id = s.campaign_id AND t.link_id = s.link_id)
                WHEN MATCHED THEN UPDATE SET
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean,
                    unique_clicks_raw = t.unique_clicks_raw + s.unique_clicks_raw,
                    unique_clicks_clean = t.unique_clicks_clean + s.unique_clicks_clean
                WHEN NOT MATCHED THEN INSERT (campaign_id, link_id, clicks_raw, clicks_clean, unique_clicks_raw,
                        unique_clicks_clean)
                    VALUES (s.campaign_id, s.link_id, s.clicks_raw, s.clicks_clean, s.unique_clicks_raw,
                        s.unique_clicks_clean);""".formatted(recipientLinkDelta(filter));
    }

    /** The per-recipient, time and click part: every statement filters pkl_event e by {@code filter}. */
    static List<String> foldStatements(String filter) {
        String where = filter + " AND " + COUNTED;
        String recipient = """
                MERGE INTO pkl_agg_recipient t
                USING (%s
                ) s ON (t.campaign_id = s.campaign_id AND t.recipient_id = s.recipient_id)
                WHEN MATCHED THEN UPDATE SET
                    variant = COALESCE(t.variant, s.variant),
                    opens_raw = t.opens_raw + s.opens_raw,
                    opens_clean = t.opens_clean + s.opens_clean,
                    first_open_raw = %s, last_open_raw = %s, first_open_clean = %s, last_open_clean = %s,
                    clicks_raw = t.clicks_raw + s.clicks_raw,
                    clicks_clean = t.clicks_clean + s.clicks_clean,
                    first_click_raw = %s, last_click_raw = %s, first_click_clean = %s, last_click_clean = %s
                WHEN NOT MATCHED THEN INSERT (campaign_id, recipient_id, variant, opens_raw, opens_clean,
                        first_open_raw, last_open_raw, first_open_clean, last_open_clean, clicks_raw, clicks_clean,
                        first_click_raw, last_click_raw, first_click_clean, last_click_clean)
                    VALUES (s.campaign_id, s.recipient_id, s.variant, s.opens_raw, s.opens_clean,
                        s.first_open_raw, s.last_open_raw, s.first_open_clean, s.last_open_clean, s.clicks_raw,
                        s.clicks_clean, s.first_click_raw, s.last_click_raw, s.first_click_clean, s.last_click_clean);"""
                .formatted(recipientDelta(filter), earliest("first_open_raw"), latest("last_open_raw"), earliest("first_open_clean"),
                        latest("last_open_clean"), earliest("first_click_raw"), latest("last_click_raw"),
                        earliest("first_click_clean"), latest("last_click_clean"));
        String recipientLink = """
                MERGE INTO pkl_agg_recipient_link t
                USING (%s
                ) s ON (t.campaign_id = s.campaign_id AND t.recipient_id = s.recipient_id AND t.link_id = s.link_id)
                WHEN MATCHED THEN UPDATE SET
                    clicks_raw = t.clicks_raw + s.clicks_raw,
                    clicks_clean = t.clicks_clean + s.clicks_clean,
                    first_click_raw = %s, last_click_raw = %s, first_click_clean = %s, last_click_clean = %s
                WHEN NOT MATCHED THEN INSERT (campaign_id, recipient_id, link_id, clicks_raw, clicks_clean,
                        first_click_raw, last_click_raw, first_click_clean, last_click_clean)
                    VALUES (s.campaign_id, s.recipient_id, s.link_id, s.clicks_raw, s.clicks_clean,
                        s.first_click_raw, s.last_click_raw, s.first_click_clean, s.last_click_clean);"""
                .formatted(recipientLinkDelta(filter), earliest("first_click_raw"), latest("last_click_raw"),
                        earliest("first_click_clean"), latest("last_click_clean"));
        String hour = additive("pkl_agg_hour", "hour_start", """
                SELECT e.campaign_id,
                       DATEADD(HOUR, DATEDIFF(HOUR, CAST('2000-01-01' AS DATETIME2(3)), e.event_time),
                               CAST('2000-01-01' AS DATETIME2(3))) AS hour_start,
                       e.event_type, e.is_clean
                FROM pkl_event e
                WHERE %s""".formatted(where));
        // Elapsed whole hours since the send (DATEDIFF in seconds: an INT of hours would count clock-hour
        // boundaries, one of milliseconds would overflow after 24 days on SQL Server).
        String sendHour = additive("pkl_agg_send_hour", "hour_no", """
                SELECT b.campaign_id,
                       CASE WHEN b.event_time < b.base THEN -1 ELSE DATEDIFF(SECOND, b.base, b.event_time) / 3600 END
                           AS hour_no,
                       b.event_type, b.is_clean
                FROM (
                    SELECT e.campaign_id, e.event_time, e.event_type, e.is_clean,
                           COALESCE(s.sent_at, c.sent_at, c.starts_at) AS base
                    FROM pkl_event e
                    LEFT JOIN pkl_send s ON s.campaign_id = e.campaign_id AND s.recipient_id = e.recipient_id
                    LEFT JOIN pkl_campaign c ON c.campaign_id = e.campaign_id
                    WHERE %s
                ) b
                WHERE b.base IS NOT NULL""".formatted(where));
        String clicks = """
                INSERT INTO pkl_agg_click (recipient_id, clicked_at, event_id, campaign_id, link_id)
                SELECT e.recipient_id, e.event_time, e.event_id, e.campaign_id, COALESCE(e.link_id, N'')
                FROM pkl_event e
                WHERE %s AND e.event_type = 'click' AND e.is_clean = 1
                  AND NOT EXISTS (SELECT 1 FROM pkl_agg_click k WHERE k.recipient_id = e.recipient_id
                                  AND k.clicked_at = e.event_time AND k.event_id = e.event_id)""".formatted(where);
        return List.of(recipient, recipientLink, hour, sendHour, clicks);
    }

    /** MERGE that adds open/click counts of {@code source} (campaign_id, key, event_type, is_clean) per key. */
    static String additive(String table, String key, String source) {
        return """
                MERGE INTO %1$s t
                USING (
                    SELECT x.campaign_id, x.%2$s,
                           SUM(CASE WHEN x.event_type = 'open' THEN 1 ELSE 0 END) AS opens_raw,
                           SUM(CASE WHEN x.event_type = 'open' AND x.is_clean = 1 THEN 1 ELSE 0 END) AS opens_clean,
                           SUM(CASE WHEN x.event_type = 'click' THEN 1 ELSE 0 END) AS clicks_raw,
                           SUM(CASE WHEN x.event_type = 'click' AND x.is_clean = 1 THEN 1 ELSE 0 END) AS clicks_clean
                    FROM (%3$s) x
                    GROUP BY x.campaign_id, x.%2$s
                ) s ON (t.campaign_id = s.campaign_id AND t.%2$s = s.%2$s)
                WHEN MATCHED THEN UPDATE SET
                    opens_raw = t.opens_raw + s.opens_raw, opens_clean = t.opens_clean + s.opens_clean,
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean
                WHEN NOT MATCHED THEN INSERT (campaign_id, %2$s, opens_raw, opens_clean, clicks_raw, clicks_clean)
                    VALUES (s.campaign_id, s.%2$s, s.opens_raw, s.opens_clean, s.clicks_raw, s.clicks_clean);"""
                .formatted(table, key, source);
    }

    /**
     * Adds a file's clicks to pkl_agg_link_segment for one kind of segment; unique counts grow by recipients new to
     * the link (checked against pkl_agg_recipient_link before the file is merged into it).
     */
    static String segmentTotalsDelta(String filter, Segment segment) {
        return """
                MERGE INTO pkl_agg_link_segment t
                USING (
                    SELECT d.campaign_id, d.link_id, N'%2$s' AS segment_kind, %3$s AS segment_value,
                           SUM(d.clicks_raw) AS clicks_raw, SUM(d.clicks_clean) AS clicks_clean,
                           SUM(CASE WHEN d.clicks_raw > 0 AND COALESCE(r.clicks_raw, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_raw,
                           SUM(CASE WHEN d.clicks_clean > 0 AND COALESCE(r.clicks_clean, 0) = 0 THEN 1 ELSE 0 END)
                               AS unique_clicks_clean
                    FROM (%1$s) d
                    LEFT JOIN pkl_agg_recipient_link r ON r.campaign_id = d.campaign_id
                                                      AND r.recipient_id = d.recipient_id AND r.link_id = d.link_id
                    %4$s
                    GROUP BY d.campaign_id, d.link_id, %3$s
                ) s ON (t.campaign_id = s.campaign_id AND t.link_id = s.link_id AND t.segment_kind = s.segment_kind
                        AND t.segment_value = s.segment_value)
                WHEN MATCHED THEN UPDATE SET
                    clicks_raw = t.clicks_raw + s.clicks_raw, clicks_clean = t.clicks_clean + s.clicks_clean,
                    unique_clicks_raw = t.unique_clicks_raw + s.unique_clicks_raw,
                    unique_clicks_clean = t.unique_clicks_clean + s.unique_clicks_clean
                WHEN NOT MATCHED THEN INSERT (campaign_id, link_id, segment_kind, segment_value, clicks_raw,
                        clicks_clean, unique_clicks_raw, unique_clicks_clean)
                    VALUES (s.campaign_id, s.link_id, s.segment_kind, s.segment_value, s.clicks_raw, s.clicks_clean,
                        s.unique_clicks_raw, s.unique_clicks_clean);"""
                .formatted(recipientLinkDelta(filter), segment.kind(), segment.valueSql(), segment.joins("d"));
    }

    /** One kind of segment of every campaign, from the per-recipient link rows and the current contacts. */
    static String refreshSegments(Segment segment) {
        return """
                INSERT INTO pkl_agg_link_segment (campaign_id, link_id, segment_kind, segment_value, clicks_raw,
                        clicks_clean, unique_clicks_raw, unique_clicks_clean)
                SELECT r.campaign_id, r.link_id, N'%1$s', %2$s, SUM(r.clicks_raw), SUM(r.clicks_clean),
                       SUM(CASE WHEN r.clicks_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.clicks_clean > 0 THEN 1 ELSE 0 END)
                FROM pkl_agg_recipient_link r
                %3$s
                GROUP BY r.campaign_id, r.link_id, %2$s""".formatted(segment.kind(), segment.valueSql(), segment.joins("r"));
    }

    /** Per campaign and variant, from the per-recipient rows of the campaigns matching {@code campaigns}. */
    static String refreshCampaigns(String campaigns) {
        return """
                INSERT INTO pkl_agg_campaign (campaign_id, variant, opens_raw, opens_clean, unique_opens_raw,
                        unique_opens_clean, clicks_raw, clicks_clean, unique_clicks_raw, unique_clicks_clean,
                        recipients_reacted)
                SELECT g.campaign_id, g.variant, SUM(g.opens_raw), SUM(g.opens_clean),
                       SUM(CASE WHEN g.opens_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN g.opens_clean > 0 THEN 1 ELSE 0 END),
                       SUM(g.clicks_raw), SUM(g.clicks_clean),
                       SUM(CASE WHEN g.clicks_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN g.clicks_clean > 0 THEN 1 ELSE 0 END), COUNT(*)
                FROM (
                    SELECT r.campaign_id, COALESCE(s.variant, r.variant, N'') AS variant, r.opens_raw, r.opens_clean,
                           r.clicks_raw, r.clicks_clean
                    FROM pkl_agg_recipient r
                    LEFT JOIN pkl_send s ON s.campaign_id = r.campaign_id AND s.recipient_id = r.recipient_id
                    WHERE %s
                ) g
                GROUP BY g.campaign_id, g.variant""".formatted(campaigns);
    }

    /** Per campaign and link, from the per-recipient rows of the campaigns matching {@code campaigns}. */
    static String refreshLinks(String campaigns) {
        return """
                INSERT INTO pkl_agg_link (campaign_id, link_id, clicks_raw, clicks_clean, unique_clicks_raw,
                        unique_clicks_clean)
                SELECT r.campaign_id, r.link_id, SUM(r.clicks_raw), SUM(r.clicks_clean),
                       SUM(CASE WHEN r.clicks_raw > 0 THEN 1 ELSE 0 END),
                       SUM(CASE WHEN r.clicks_clean > 0 THEN 1 ELSE 0 END)
                FROM pkl_agg_recipient_link r
                WHERE %s
                GROUP BY r.campaign_id, r.link_id""".formatted(campaigns);
    }

    static String earliest(String column) {
        return "CASE WHEN t.%1$s IS NULL OR s.%1$s < t.%1$s THEN s.%1$s ELSE t.%1$s END".formatted(column);
    }

    static String latest(String column) {
        return "CASE WHEN t.%1$s IS NULL OR s.%1$s > t.%1$s THEN s.%1$s ELSE t.%1$s END".formatted(column);
    }
}
