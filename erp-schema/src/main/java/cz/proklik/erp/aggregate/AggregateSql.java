package cz.proklik.erp.aggregate;

import java.util.Arrays;
import java.util.List;

/**
 * The SQL of the aggregates (schema V2): every statement the fold of a file and the rebuild send, by name. A fold
 * (of a file, or of a slice of the raw table in the rebuild) reads its events once ({@link #foldEvents} with
 * {@link #BY_FILE} or {@link #SLICE}), reads the stored rows it will change by key, and writes each row once
 * ({@link FoldWriter}); the rebuild's campaign-level totals are set-based INSERT ... SELECT from the per-recipient
 * rows ({@link #refreshCampaigns}, {@link #refreshLinks}, {@link #refreshSegments}). Only code constants are ever
 * spliced in; every value is a bind parameter.
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
    /** One campaign's events of a slice ({@link CampaignRebuild}): the campaign, then the id range. */
    static final String CAMPAIGN_SLICE = FOLDED + " AND e.campaign_id = ? AND e.id > ? AND e.id <= ?";
    /** {@link #NEXT_SLICE_END} among one campaign's events: the slice size, the campaign, then the id range. */
    static final String NEXT_CAMPAIGN_SLICE_END = """
            SELECT MAX(x.id) FROM (SELECT TOP (?) e.id FROM pkl_event e
                                   WHERE e.campaign_id = ? AND e.id > ? AND e.id <= ? ORDER BY e.id) x""";
    /**
     * A campaign's first click, flagged or not: orders before it cannot have been attributed to the campaign, nor
     * can be now, so re-attribution after its rebuild starts there.
     */
    static final String FIRST_CLICK = """
            SELECT MIN(e.event_time) AS first_click FROM pkl_event e WHERE e.campaign_id = ? AND e.event_type = 'click'""";
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


    /** The events the import stored from a file (0 for an unknown one). */
    static final String FILE_EVENTS = "SELECT COALESCE(MAX(imported_count), 0) FROM pkl_import_file WHERE file_id = ?";

    /** The events stored from all folded files ({@link AggregateMaintainer#addFiles}: is a run a backlog?). */
    static final String FOLDED_EVENTS = """
            SELECT COALESCE(SUM(CAST(f.imported_count AS BIGINT)), 0) FROM pkl_import_file f
            WHERE f.file_id IN (SELECT d.file_id FROM pkl_agg_file_done d)""";

    static final String IS_FOLDED = "SELECT COUNT(*) FROM pkl_agg_file_done WHERE file_id = ?";

    /** The rebuild folds the imported files not folded yet itself: marks them. */
    static final String MARK_IMPORTED_FOLDED = "INSERT INTO pkl_agg_file_done (file_id, folded_at)"
            + " SELECT f.file_id, ? FROM pkl_import_file f WHERE " + IMPORTED_NOT_FOLDED;

    /** Files whose import finished while a rebuild ran: it folds them at its end. */
    static final String LEFT_TO_REBUILD = "SELECT f.file_id FROM pkl_import_file f WHERE " + IMPORTED_NOT_FOLDED
            + " ORDER BY f.file_id";

    static final String LAST_EVENT_ID = "SELECT COALESCE(MAX(id), 0) FROM pkl_event";

    /**
     * Keys per read of stored aggregate rows ({@link #RECIPIENT_ROWS}, {@link #RECIPIENT_LINK_ROWS}): one statement
     * text whatever the number of keys (a short last chunk repeats its last key), far under SQL Server's 2,100
     * parameters. The ids are a VALUES list joined to the table, each one a seek on the primary key: H2 uses an index
     * for an IN list only on an index's first column, so {@code campaign_id = ? AND recipient_id IN (...)} read every
     * row of the campaign per statement (as CampaignReportDao found for the reports).
     */
    static final int KEYS_PER_READ = 500;
    static final String KEYS = "(VALUES " + "(?), ".repeat(KEYS_PER_READ - 1) + "(?)) AS v(recipient_id)";

    static final String RECIPIENT_COLUMNS = """
            variant, opens_raw, opens_clean, first_open_raw, last_open_raw, first_open_clean, last_open_clean,
            clicks_raw, clicks_clean, first_click_raw, last_click_raw, first_click_clean, last_click_clean""";
    static final String LINK_COLUMNS = """
            clicks_raw, clicks_clean, first_click_raw, last_click_raw, first_click_clean, last_click_clean""";

    /**
     * The stored per-recipient rows of some recipients of one campaign (the fold reads them before it writes): the
     * {@link #KEYS_PER_READ} ids, then the campaign.
     */
    static final String RECIPIENT_ROWS = "SELECT r.recipient_id, " + columns("r", RECIPIENT_COLUMNS) + " FROM " + KEYS
            + " JOIN pkl_agg_recipient r ON r.campaign_id = ? AND r.recipient_id = v.recipient_id";
    /** Every stored per-recipient link row of some recipients of one campaign: the ids, then the campaign. */
    static final String RECIPIENT_LINK_ROWS = "SELECT r.recipient_id, r.link_id, " + columns("r", LINK_COLUMNS)
            + " FROM " + KEYS + " JOIN pkl_agg_recipient_link r ON r.campaign_id = ? AND r.recipient_id = v.recipient_id";

    static final String UPDATE_RECIPIENT = """
            UPDATE pkl_agg_recipient SET variant = ?, opens_raw = ?, opens_clean = ?, first_open_raw = ?,
                last_open_raw = ?, first_open_clean = ?, last_open_clean = ?, clicks_raw = ?, clicks_clean = ?,
                first_click_raw = ?, last_click_raw = ?, first_click_clean = ?, last_click_clean = ?
            WHERE campaign_id = ? AND recipient_id = ?""";
    static final String INSERT_RECIPIENT = "INSERT INTO pkl_agg_recipient (" + RECIPIENT_COLUMNS
            + ", campaign_id, recipient_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE_RECIPIENT_LINK = """
            UPDATE pkl_agg_recipient_link SET clicks_raw = ?, clicks_clean = ?, first_click_raw = ?,
                last_click_raw = ?, first_click_clean = ?, last_click_clean = ?
            WHERE campaign_id = ? AND recipient_id = ? AND link_id = ?""";
    static final String INSERT_RECIPIENT_LINK = "INSERT INTO pkl_agg_recipient_link (" + LINK_COLUMNS
            + ", campaign_id, recipient_id, link_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One clean click (the rebuild's, from its merged runs, into the emptied table). */
    static final String INSERT_CLEAN_CLICK = """
            INSERT INTO pkl_agg_click (recipient_id, clicked_at, event_id, campaign_id, link_id)
            VALUES (?, ?, ?, ?, ?)""";

    /**
     * The aggregates a fold only adds counts to, by key: campaign, link and segment totals, the hour buckets. One
     * batched UPDATE adding to each key's row, then an INSERT of the keys it found no row for.
     */
    enum Additive {
        CAMPAIGN("pkl_agg_campaign", List.of("campaign_id", "variant"), List.of("opens_raw", "opens_clean",
                "unique_opens_raw", "unique_opens_clean", "clicks_raw", "clicks_clean", "unique_clicks_raw",
                "unique_clicks_clean", "recipients_reacted")),
        LINK("pkl_agg_link", List.of("campaign_id", "link_id"), List.of("clicks_raw", "clicks_clean",
                "unique_clicks_raw", "unique_clicks_clean")),
        LINK_SEGMENT("pkl_agg_link_segment", List.of("campaign_id", "link_id", "segment_kind", "segment_value"),
                List.of("clicks_raw", "clicks_clean", "unique_clicks_raw", "unique_clicks_clean")),
        HOUR("pkl_agg_hour", List.of("campaign_id", "hour_start"), List.of("opens_raw", "opens_clean",
                "clicks_raw", "clicks_clean")),
        SEND_HOUR("pkl_agg_send_hour", List.of("campaign_id", "hour_no"), List.of("opens_raw", "opens_clean",
                "clicks_raw", "clicks_clean"));

        final String update;
        final String insert;
        final int keys;
        final int counts;

        Additive(String table, List<String> keys, List<String> counts) {
            this.keys = keys.size();
            this.counts = counts.size();
            this.update = "UPDATE " + table + " SET "
                    + String.join(", ", counts.stream().map(c -> c + " = " + c + " + ?").toList())
                    + " WHERE " + String.join(" AND ", keys.stream().map(k -> k + " = ?").toList());
            this.insert = "INSERT INTO " + table + " (" + String.join(", ", counts) + ", " + String.join(", ", keys)
                    + ") VALUES (" + "?, ".repeat(counts.size() + keys.size() - 1) + "?)";
        }
    }

    private AggregateSql() {
    }

    /** {@code columns} (a comma-separated constant) each qualified by {@code alias}. */
    private static String columns(String alias, String columns) {
        return String.join(", ", Arrays.stream(columns.split(",")).map(c -> alias + "." + c.strip())
                .toList());
    }

    /**
     * The counted events matching {@code filter}, each with what the fold needs beside it: its send's variant and the
     * time the hours since the send count from (the send's, else the campaign's).
     */
    static String foldEvents(String filter) {
        return """
                SELECT e.campaign_id, e.recipient_id, COALESCE(e.link_id, N'') AS link_id, e.variant, e.event_type,
                       e.is_clean, e.event_time, e.event_id, s.variant AS send_variant,
                       COALESCE(s.sent_at, c.sent_at, c.starts_at) AS send_base
                FROM pkl_event e
                LEFT JOIN pkl_send s ON s.campaign_id = e.campaign_id AND s.recipient_id = e.recipient_id
                LEFT JOIN pkl_campaign c ON c.campaign_id = e.campaign_id
                WHERE %s AND %s""".formatted(filter, COUNTED);
    }

    /**
     * {@link #foldEvents} without the join to {@code pkl_send}: the rebuild looks each event's send time up in
     * {@link SendTimes} instead, and needs the campaign's time (the send's fallback) only.
     */
    static String foldEventsForRebuild(String filter) {
        return """
                SELECT e.campaign_id, e.recipient_id, COALESCE(e.link_id, N'') AS link_id, e.variant, e.event_type,
                       e.is_clean, e.event_time, e.event_id, COALESCE(c.sent_at, c.starts_at) AS campaign_base
                FROM pkl_event e
                LEFT JOIN pkl_campaign c ON c.campaign_id = e.campaign_id
                WHERE %s AND %s""".formatted(filter, COUNTED);
    }

    /** Every send time, in key order (on both engines the order of {@code uq_pkl_send_recipient}): {@link SendTimes}. */
    static final String SEND_TIMES = """
            SELECT s.campaign_id, s.recipient_id, s.sent_at FROM pkl_send s WHERE s.sent_at IS NOT NULL
            ORDER BY s.campaign_id, s.recipient_id""";

    /**
     * The clean clicks among the counted events matching {@code filter}, copied for the attribution unless they are
     * there already: one set-based statement per file or slice, so the engine copies them without a round trip or a
     * Java object per click (they were a fifth of a fold's delta).
     */
    static String insertCleanClicks(String filter) {
        return """
                INSERT INTO pkl_agg_click (recipient_id, clicked_at, event_id, campaign_id, link_id)
                SELECT e.recipient_id, e.event_time, e.event_id, e.campaign_id, COALESCE(e.link_id, N'')
                FROM pkl_event e
                WHERE %s AND %s AND e.event_type = 'click' AND e.is_clean = 1
                  AND NOT EXISTS (SELECT 1 FROM pkl_agg_click k WHERE k.recipient_id = e.recipient_id
                                  AND k.clicked_at = e.event_time AND k.event_id = e.event_id)""".formatted(filter, COUNTED);
    }

    /** Deletes a batch of rows of one of {@link #REBUILT_TABLES} (batches, not TRUNCATE: see the rebuild). */
    static String deleteBatch(String table) {
        if (!REBUILT_TABLES.contains(table)) {
            throw new IllegalArgumentException("not an aggregate the rebuild empties: " + table);
        }
        return "DELETE TOP (" + DELETE_BATCH + ") FROM " + table;
    }

    /** Empties one of {@link #REBUILT_TABLES} at once: the rebuild's on the embedded H2 (see there why). */
    static String truncate(String table) {
        if (!REBUILT_TABLES.contains(table)) {
            throw new IllegalArgumentException("not an aggregate the rebuild empties: " + table);
        }
        return "TRUNCATE TABLE " + table;
    }

    /** Deletes a batch of one campaign's rows of one of {@link #REBUILT_TABLES} (all of them have campaign_id). */
    static String deleteCampaignBatch(String table) {
        return deleteBatch(table) + " WHERE campaign_id = ?";
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
}
