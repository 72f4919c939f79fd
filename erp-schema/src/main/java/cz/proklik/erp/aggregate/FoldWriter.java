package cz.proklik.erp.aggregate;

import cz.proklik.erp.aggregate.AggregateSql.Additive;
import cz.proklik.erp.aggregate.FoldDelta.ClickKey;
import cz.proklik.erp.aggregate.FoldDelta.ClickRow;
import cz.proklik.erp.aggregate.FoldDelta.LinkKey;
import cz.proklik.erp.aggregate.FoldDelta.LinkRow;
import cz.proklik.erp.aggregate.FoldDelta.RecipientKey;
import cz.proklik.erp.aggregate.FoldDelta.RecipientRow;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import static cz.proklik.erp.aggregate.FoldDelta.time;

/**
 * Writes a {@link FoldDelta} into the aggregates, in the caller's transaction, touching each aggregate row once, as a
 * merge of the delta sorted by key with the stored rows: {@link #CHUNK} recipients at a time (in key order), their
 * stored per-recipient and per-recipient link rows are read by key ({@link AggregateSql#KEYS_PER_READ} per
 * statement), the new unique counts are decided against them (a recipient is new to a unique count when the delta
 * has such an event for it and its stored row has none), and their rows are written by batched UPDATEs and INSERTs
 * before the next chunk is read. So what the writer holds besides the delta is one chunk, whatever the size of the
 * delta (issue 18: a group of two files, with every stored row and write batch held at once, ran out of the 512 MB
 * heap), and the delta's entries are let go as they are written. Rows are written in key order, so two writers could
 * never wait for each other in opposite orders (they do not meet anyway: each first takes the {@link RebuildState}
 * row).
 */
final class FoldWriter {
    /** Rows per JDBC batch: bounds the driver's buffers, whatever the size of a delta. */
    private static final int BATCH = 5_000;
    /**
     * Recipients merged with their stored rows per step: two reads of {@link AggregateSql#KEYS_PER_READ} (the test of
     * 1,203 recipients in one file crosses a chunk's end, and its links with it).
     */
    static final int CHUNK = 1_000;

    private final JdbcTemplate jdbc;

    FoldWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Folds {@code delta} in, emptying its recipient and link rows as they are written. With {@code totals} the
     * campaign, link and segment totals grow too (a file's fold); without, they are left to the caller (the rebuild
     * computes them from the per-recipient rows at its end). The clean clicks are the caller's ({@link
     * AggregateSql#insertCleanClicks}).
     */
    void apply(FoldDelta delta, boolean totals) {
        TreeMap<RecipientKey, RecipientRow> recipients = new TreeMap<>(delta.recipients);
        delta.recipients.clear();
        TreeMap<LinkKey, LinkRow> links = new TreeMap<>(delta.links);
        delta.links.clear();
        Map<List<Object>, long[]> campaignTotals = new TreeMap<>(FoldWriter::compareKeys);
        Map<List<Object>, long[]> linkTotals = new TreeMap<>(FoldWriter::compareKeys);
        Map<List<Object>, long[]> segmentTotals = new TreeMap<>(FoldWriter::compareKeys);
        Map<String, String[]> contacts = delta.segmentValues();
        while (!recipients.isEmpty()) {
            Map<RecipientKey, RecipientRow> chunk = new TreeMap<>();
            while (chunk.size() < CHUNK && !recipients.isEmpty()) {
                Map.Entry<RecipientKey, RecipientRow> e = recipients.pollFirstEntry();
                chunk.put(e.getKey(), e.getValue());
            }
            RecipientKey last = ((TreeMap<RecipientKey, RecipientRow>) chunk).lastKey();
            Map<LinkKey, LinkRow> chunkLinks = new TreeMap<>();
            while (!links.isEmpty() && links.firstKey().compareToRecipient(last) <= 0) {
                Map.Entry<LinkKey, LinkRow> e = links.pollFirstEntry();
                chunkLinks.put(e.getKey(), e.getValue());
            }
            Map<RecipientKey, RecipientRow> storedRecipients = stored(chunk.keySet(), AggregateSql.RECIPIENT_ROWS,
                    FoldWriter::recipientRow, (campaign, rs) -> new RecipientKey(campaign, rs.getString("recipient_id")));
            Map<LinkKey, LinkRow> storedLinks = chunkLinks.isEmpty() ? Map.of() : stored(recipientsOf(chunkLinks.keySet()),
                    AggregateSql.RECIPIENT_LINK_ROWS, FoldWriter::linkRow, (campaign, rs) ->
                            new LinkKey(campaign, rs.getString("recipient_id"), rs.getString("link_id")));
            if (totals) {
                addCampaignTotals(campaignTotals, chunk, storedRecipients);
                addLinkTotals(linkTotals, segmentTotals, chunkLinks, storedLinks, contacts);
            }
            writeRecipients(chunk, storedRecipients);
            writeLinks(chunkLinks, storedLinks);
        }
        if (totals) {
            add(Additive.CAMPAIGN, campaignTotals);
            add(Additive.LINK, linkTotals);
            add(Additive.LINK_SEGMENT, segmentTotals);
        }
        addHours(delta);
    }

    /** Adds the delta's counts per hour and per hour since the send. */
    void addHours(FoldDelta delta) {
        add(Additive.HOUR, sorted(delta.hours));
        add(Additive.SEND_HOUR, sorted(delta.sendHours));
    }

    /**
     * Inserts per-recipient rows whose keys have no row yet (the rebuild's merged runs, into the aggregates it
     * emptied): no read of stored rows, no UPDATE.
     */
    void insertRecipients(List<Map.Entry<RecipientKey, RecipientRow>> rows) {
        List<Object[]> params = new ArrayList<>(rows.size());
        rows.forEach(e -> params.add(recipientParams(e.getKey(), e.getValue())));
        batch(AggregateSql.INSERT_RECIPIENT, params);
    }

    /** As {@link #insertRecipients}, for per-recipient link rows. */
    void insertLinks(List<Map.Entry<LinkKey, LinkRow>> rows) {
        List<Object[]> params = new ArrayList<>(rows.size());
        rows.forEach(e -> params.add(linkParams(e.getKey(), e.getValue())));
        batch(AggregateSql.INSERT_RECIPIENT_LINK, params);
    }

    /** Per campaign and variant: what the chunk adds, unique counts by the recipients new to them. */
    private static void addCampaignTotals(Map<List<Object>, long[]> totals, Map<RecipientKey, RecipientRow> chunk,
                                          Map<RecipientKey, RecipientRow> stored) {
        chunk.forEach((key, d) -> {
            RecipientRow before = stored.get(key);
            // The variant as the campaign view counts it: the send's, else the recipient's (refreshCampaigns).
            String variant = firstNonNull(d.sendVariant, before == null ? null : before.variant, d.variant, "");
            addTo(totals, List.of(key.campaignId(), variant), new long[] {d.opensRaw, d.opensClean,
                    isNew(d.opensRaw, before == null ? 0 : before.opensRaw),
                    isNew(d.opensClean, before == null ? 0 : before.opensClean), d.clicksRaw, d.clicksClean,
                    isNew(d.clicksRaw, before == null ? 0 : before.clicksRaw),
                    isNew(d.clicksClean, before == null ? 0 : before.clicksClean), before == null ? 1 : 0});
        });
    }

    /** Per campaign and link, and per link and segment: what the chunk's links add. */
    private static void addLinkTotals(Map<List<Object>, long[]> links, Map<List<Object>, long[]> segments,
                                      Map<LinkKey, LinkRow> chunk, Map<LinkKey, LinkRow> stored,
                                      Map<String, String[]> contacts) {
        chunk.forEach((key, d) -> {
            LinkRow before = stored.get(key);
            long[] counts = {d.clicksRaw, d.clicksClean,
                    d.clicksRaw > 0 && (before == null || before.clicksRaw == 0) ? 1 : 0,
                    d.clicksClean > 0 && (before == null || before.clicksClean == 0) ? 1 : 0};
            addTo(links, List.of(key.campaignId(), key.linkId()), counts);
            String[] values = contacts.get(key.recipientId());
            for (Segment segment : Segment.values()) {
                String value = values == null ? "" : values[segment.ordinal()];
                addTo(segments, List.of(key.campaignId(), key.linkId(), segment.kind(), value), counts);
            }
        });
    }

    private static long isNew(int added, int before) {
        return added > 0 && before == 0 ? 1 : 0;
    }

    private void writeRecipients(Map<RecipientKey, RecipientRow> delta, Map<RecipientKey, RecipientRow> stored) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        delta.forEach((key, d) -> {
            RecipientRow before = stored.get(key);
            RecipientRow r = before == null ? new RecipientRow().plus(d) : before.plus(d);
            (before == null ? inserts : updates).add(recipientParams(key, r));
        });
        batch(AggregateSql.UPDATE_RECIPIENT, updates);
        batch(AggregateSql.INSERT_RECIPIENT, inserts);
    }

    private void writeLinks(Map<LinkKey, LinkRow> delta, Map<LinkKey, LinkRow> stored) {
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        delta.forEach((key, d) -> {
            LinkRow before = stored.get(key);
            LinkRow r = before == null ? new LinkRow().plus(d) : before.plus(d);
            (before == null ? inserts : updates).add(linkParams(key, r));
        });
        batch(AggregateSql.UPDATE_RECIPIENT_LINK, updates);
        batch(AggregateSql.INSERT_RECIPIENT_LINK, inserts);
    }

    /** Inserts clean clicks not stored yet (the rebuild's merged runs, into the emptied {@code pkl_agg_click}). */
    void insertCleanClicks(List<Map.Entry<ClickKey, ClickRow>> clicks) {
        List<Object[]> params = new ArrayList<>(clicks.size());
        clicks.forEach(e -> params.add(new Object[] {e.getKey().recipientId(), time(e.getKey().clickedAt()),
                e.getKey().eventId(), e.getValue().campaignId(), e.getValue().linkId()}));
        batch(AggregateSql.INSERT_CLEAN_CLICK, params);
    }

    /** The parameters of {@link AggregateSql#INSERT_RECIPIENT} and {@link AggregateSql#UPDATE_RECIPIENT}. */
    private static Object[] recipientParams(RecipientKey key, RecipientRow r) {
        return new Object[] {r.variant, r.opensRaw, r.opensClean, time(r.firstOpenRaw), time(r.lastOpenRaw),
                time(r.firstOpenClean), time(r.lastOpenClean), r.clicksRaw, r.clicksClean, time(r.firstClickRaw),
                time(r.lastClickRaw), time(r.firstClickClean), time(r.lastClickClean), key.campaignId(),
                key.recipientId()};
    }

    /** The parameters of {@link AggregateSql#INSERT_RECIPIENT_LINK} and {@link AggregateSql#UPDATE_RECIPIENT_LINK}. */
    private static Object[] linkParams(LinkKey key, LinkRow r) {
        return new Object[] {r.clicksRaw, r.clicksClean, time(r.firstClickRaw), time(r.lastClickRaw),
                time(r.firstClickClean), time(r.lastClickClean), key.campaignId(), key.recipientId(),
                key.linkId()};
    }

    /** Adds {@code rows} (key values, then counts) to an additive aggregate: UPDATE where a row exists, else INSERT. */
    private void add(Additive table, Map<List<Object>, long[]> rows) {
        List<Object[]> params = new ArrayList<>(rows.size());
        rows.forEach((key, counts) -> {
            Object[] p = new Object[table.counts + table.keys];
            for (int i = 0; i < table.counts; i++) {
                p[i] = counts[i];
            }
            for (int i = 0; i < table.keys; i++) {
                p[table.counts + i] = key.get(i);
            }
            params.add(p);
        });
        int[] updated = batch(table.update, params);
        List<Object[]> missing = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                missing.add(params.get(i));
            }
        }
        batch(table.insert, missing);
    }

    /** The stored rows of {@code keys}' recipients, read one campaign and {@link AggregateSql#KEYS_PER_READ} ids at a time. */
    private <K, R> Map<K, R> stored(Iterable<RecipientKey> keys, String sql, RowReader<R> reader,
                                    KeyReader<K> keyReader) {
        Map<K, R> rows = new HashMap<>();
        byCampaign(keys).forEach((campaign, recipients) -> inChunks(recipients, chunk -> {
            Object[] args = new Object[AggregateSql.KEYS_PER_READ + 1];
            System.arraycopy(chunk, 0, args, 0, chunk.length);
            args[chunk.length] = campaign;
            jdbc.query(sql, rs -> {
                rows.put(keyReader.key(campaign, rs), reader.row(rs));
            }, args);
        }));
        return rows;
    }

    private static Map<String, TreeSet<String>> byCampaign(Iterable<RecipientKey> keys) {
        Map<String, TreeSet<String>> byCampaign = new TreeMap<>();
        keys.forEach(k -> byCampaign.computeIfAbsent(k.campaignId(), c -> new TreeSet<>()).add(k.recipientId()));
        return byCampaign;
    }

    /** Runs {@code work} for each {@link AggregateSql#KEYS_PER_READ} of the ids, a short last one padded with its last. */
    private static void inChunks(TreeSet<String> ids, Consumer<String[]> work) {
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += AggregateSql.KEYS_PER_READ) {
            String[] chunk = new String[AggregateSql.KEYS_PER_READ];
            int n = Math.min(AggregateSql.KEYS_PER_READ, all.size() - from);
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = all.get(from + Math.min(i, n - 1));
            }
            work.accept(chunk);
        }
    }

    private static List<RecipientKey> recipientsOf(Iterable<LinkKey> links) {
        LinkedHashMap<RecipientKey, Boolean> recipients = new LinkedHashMap<>();
        links.forEach(k -> recipients.put(k.recipient(), Boolean.TRUE));
        return new ArrayList<>(recipients.keySet());
    }

    /** Runs {@code sql} for every row of {@code rows}, {@link #BATCH} at a time; returns each row's update count. */
    private int[] batch(String sql, List<Object[]> rows) {
        int[] counts = new int[rows.size()];
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + BATCH));
            int offset = from;
            int[] done = jdbc.batchUpdate(sql, new BatchPreparedStatementSetter() {
                @Override
                public void setValues(PreparedStatement ps, int i) throws SQLException {
                    Object[] row = part.get(i);
                    for (int c = 0; c < row.length; c++) {
                        bind(ps, c + 1, row[c]);
                    }
                }

                @Override
                public int getBatchSize() {
                    return part.size();
                }
            });
            System.arraycopy(done, 0, counts, offset, done.length);
        }
        return counts;
    }

    /** Binds with the value's own JDBC type, so a null never needs the driver's parameter metadata. */
    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            // Only times and the variant are ever null here.
            ps.setNull(index, index == 1 ? Types.NVARCHAR : Types.TIMESTAMP);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Integer n) {
            ps.setInt(index, n);
        } else if (value instanceof Long n) {
            ps.setLong(index, n);
        } else {
            ps.setObject(index, value); // LocalDateTime: DATETIME2 on both drivers (SqlTime)
        }
    }

    private static RecipientRow recipientRow(ResultSet rs) throws SQLException {
        RecipientRow r = new RecipientRow();
        r.variant = rs.getString("variant");
        r.opensRaw = rs.getInt("opens_raw");
        r.opensClean = rs.getInt("opens_clean");
        r.firstOpenRaw = millis(rs, "first_open_raw");
        r.lastOpenRaw = millis(rs, "last_open_raw");
        r.firstOpenClean = millis(rs, "first_open_clean");
        r.lastOpenClean = millis(rs, "last_open_clean");
        r.clicksRaw = rs.getInt("clicks_raw");
        r.clicksClean = rs.getInt("clicks_clean");
        r.firstClickRaw = millis(rs, "first_click_raw");
        r.lastClickRaw = millis(rs, "last_click_raw");
        r.firstClickClean = millis(rs, "first_click_clean");
        r.lastClickClean = millis(rs, "last_click_clean");
        return r;
    }

    private static LinkRow linkRow(ResultSet rs) throws SQLException {
        LinkRow r = new LinkRow();
        r.clicksRaw = rs.getInt("clicks_raw");
        r.clicksClean = rs.getInt("clicks_clean");
        r.firstClickRaw = millis(rs, "first_click_raw");
        r.lastClickRaw = millis(rs, "last_click_raw");
        r.firstClickClean = millis(rs, "first_click_clean");
        r.lastClickClean = millis(rs, "last_click_clean");
        return r;
    }

    private static long millis(ResultSet rs, String column) throws SQLException {
        return FoldDelta.millis(rs.getObject(column, LocalDateTime.class));
    }

    private static void addTo(Map<List<Object>, long[]> table, List<Object> key, long[] counts) {
        long[] sum = table.computeIfAbsent(key, k -> new long[counts.length]);
        for (int i = 0; i < counts.length; i++) {
            sum[i] += counts[i];
        }
    }

    private static Map<List<Object>, long[]> sorted(Map<List<Object>, long[]> rows) {
        Map<List<Object>, long[]> sorted = new TreeMap<>(FoldWriter::compareKeys);
        sorted.putAll(rows);
        return sorted;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    @FunctionalInterface
    private interface RowReader<R> {
        R row(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface KeyReader<K> {
        K key(String campaign, ResultSet rs) throws SQLException;
    }
}
