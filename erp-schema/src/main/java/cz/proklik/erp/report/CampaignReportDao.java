package cz.proklik.erp.report;

import cz.proklik.erp.aggregate.Segment;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.SendStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;

/**
 * Read side of the evaluation views ({@code pkl_eval_*}, docs/evaluation.md): one record type per view, lists
 * ordered for reading (campaigns by creation, links by position, recipients by id, timelines by time). The views
 * read the aggregates kept by {@code AggregateMaintainer}, never the raw events.
 */
public class CampaignReportDao {


    private static final RowMapper<CampaignKpis> CAMPAIGN = (rs, i) -> new CampaignKpis(
            rs.getString("campaign_id"), rs.getString("name"), rs.getString("utm_campaign"),
            CampaignStatus.fromCode(rs.getString("status")), fromDb(rs, "sent_at"), rs.getInt("attribution_days"),
            kpis(rs));

    private static final RowMapper<VariantKpis> VARIANT = (rs, i) -> new VariantKpis(
            rs.getString("campaign_id"), rs.getString("variant"), kpis(rs), rs.getLong("orders"),
            rs.getBigDecimal("revenue_gross"), rs.getBigDecimal("revenue_net"), rs.getBigDecimal("cvr"),
            rs.getBigDecimal("rpe"));

    private static final RowMapper<LinkKpis> LINK = (rs, i) -> new LinkKpis(
            rs.getString("campaign_id"), rs.getString("link_id"), rs.getString("description"),
            rs.getString("target_url"), (Integer) rs.getObject("position_no", Integer.class),
            rs.getLong("clicks_raw"), rs.getLong("clicks_clean"), rs.getLong("unique_clicks_raw"),
            rs.getLong("unique_clicks_clean"), rs.getBigDecimal("share_clean_clicks"));

    private static final RowMapper<LinkSegmentKpis> SEGMENT = (rs, i) -> new LinkSegmentKpis(
            rs.getString("campaign_id"), rs.getString("link_id"), rs.getString("segment_kind"),
            rs.getString("segment_value"), rs.getLong("clicks_raw"), rs.getLong("clicks_clean"),
            rs.getLong("unique_clicks_raw"), rs.getLong("unique_clicks_clean"));

    private static final RowMapper<RecipientReaction> RECIPIENT = (rs, i) -> new RecipientReaction(
            rs.getString("campaign_id"), rs.getString("recipient_id"), rs.getString("email"),
            rs.getString("variant"),
            rs.getString("send_status") == null ? null : SendStatus.fromCode(rs.getString("send_status")),
            fromDb(rs, "sent_at"), rs.getBoolean("bounced"), BounceKind.fromCode(rs.getString("bounce_kind")),
            fromDb(rs, "bounced_at"),
            rs.getLong("opens_raw"), rs.getLong("opens_clean"), fromDb(rs, "first_open_raw"),
            fromDb(rs, "last_open_raw"), fromDb(rs, "first_open_clean"), fromDb(rs, "last_open_clean"),
            rs.getLong("clicks_raw"), rs.getLong("clicks_clean"), fromDb(rs, "first_click_raw"),
            fromDb(rs, "last_click_raw"), fromDb(rs, "first_click_clean"), fromDb(rs, "last_click_clean"),
            rs.getLong("links_clicked_raw"), rs.getLong("links_clicked_clean"),
            rs.getBoolean("unsubscribed"), fromDb(rs, "unsubscribed_at"),
            rs.getLong("orders"), rs.getBigDecimal("revenue_gross"), rs.getBigDecimal("revenue_net"));

    private static final RowMapper<RecipientClick> RECIPIENT_CLICK = (rs, i) -> new RecipientClick(
            rs.getString("campaign_id"), rs.getString("recipient_id"), rs.getString("link_id"),
            rs.getLong("clicks_raw"), rs.getLong("clicks_clean"), fromDb(rs, "first_click_raw"),
            fromDb(rs, "last_click_raw"), fromDb(rs, "first_click_clean"), fromDb(rs, "last_click_clean"));

    private static final RowMapper<RevenueKpis> REVENUE = (rs, i) -> new RevenueKpis(
            rs.getString("campaign_id"), rs.getInt("attribution_days"), rs.getLong("sent"), rs.getLong("delivered"),
            rs.getLong("clicks_clean"), rs.getLong("unique_clicks_clean"), rs.getLong("orders"),
            rs.getLong("orders_same_session"), rs.getLong("orders_lagged"), rs.getLong("buyers"),
            rs.getString("currency"), rs.getInt("currency_count"), rs.getBigDecimal("revenue_gross"),
            rs.getBigDecimal("returned_net_amount"), rs.getBigDecimal("revenue_net"),
            rs.getBigDecimal("revenue_net_same_session"), rs.getBigDecimal("revenue_net_lagged"),
            rs.getBigDecimal("cvr"), rs.getBigDecimal("aov"), rs.getBigDecimal("rpe"), rs.getBigDecimal("rpr"),
            rs.getBigDecimal("eppc"));

    private static final RowMapper<AttributedOrder> ORDER = (rs, i) -> new AttributedOrder(
            rs.getString("order_id"), rs.getString("contact_id"), fromDb(rs, "ordered_at"), rs.getString("currency"),
            rs.getString("campaign_id"), rs.getString("link_id"), rs.getString("click_event_id").strip(),
            fromDb(rs, "clicked_at"), rs.getBigDecimal("gross_amount"), rs.getBigDecimal("discount_amount"),
            rs.getBigDecimal("net_amount"), rs.getBigDecimal("returned_net_amount"),
            rs.getBigDecimal("revenue_gross"), rs.getBigDecimal("revenue_net"), rs.getBoolean("same_session"));

    /**
     * {@code pkl_eval_recipient} (V2.3) for a list of recipients, driven by the list: H2 uses an index for an IN list
     * only on an index's first column, and the view's key set is a UNION it cannot push the list into, so both read
     * every recipient of the campaign (a second per query at a million recipients). Joined from a VALUES list, each
     * id is one index lookup. Same columns and meaning as the view; EvaluationContractTest compares the two.
     */
    private static final String RECIPIENTS_BY_ID = """
            SELECT :campaign AS campaign_id, v.recipient_id, s.email, COALESCE(s.variant, r.variant) AS variant,
                   s.status AS send_status, s.sent_at,
                   CAST(CASE WHEN s.status = 'bounced' THEN 1 ELSE 0 END AS BIT) AS bounced, s.bounce_kind,
                   s.bounced_at,
                   COALESCE(r.opens_raw, 0) AS opens_raw, COALESCE(r.opens_clean, 0) AS opens_clean,
                   r.first_open_raw, r.last_open_raw, r.first_open_clean, r.last_open_clean,
                   COALESCE(r.clicks_raw, 0) AS clicks_raw, COALESCE(r.clicks_clean, 0) AS clicks_clean,
                   r.first_click_raw, r.last_click_raw, r.first_click_clean, r.last_click_clean,
                   (SELECT COUNT(*) FROM pkl_agg_recipient_link x
                    WHERE x.campaign_id = :campaign AND x.recipient_id = v.recipient_id) AS links_clicked_raw,
                   (SELECT COUNT(*) FROM pkl_agg_recipient_link x
                    WHERE x.campaign_id = :campaign AND x.recipient_id = v.recipient_id AND x.clicks_clean > 0)
                       AS links_clicked_clean,
                   CAST(CASE WHEN u.recipient_id IS NULL THEN 0 ELSE 1 END AS BIT) AS unsubscribed,
                   u.unsubscribed_at,
                   (SELECT COUNT(*) FROM pkl_eval_order_attribution a
                    WHERE a.campaign_id = :campaign AND a.contact_id = v.recipient_id) AS orders,
                   CAST(COALESCE((SELECT SUM(a.revenue_gross) FROM pkl_eval_order_attribution a
                                  WHERE a.campaign_id = :campaign AND a.contact_id = v.recipient_id), 0)
                        AS DECIMAL(19,4)) AS revenue_gross,
                   CAST(COALESCE((SELECT SUM(a.revenue_net) FROM pkl_eval_order_attribution a
                                  WHERE a.campaign_id = :campaign AND a.contact_id = v.recipient_id), 0)
                        AS DECIMAL(19,4)) AS revenue_net
            FROM (VALUES :ids) AS v(recipient_id)
            LEFT JOIN pkl_send s ON s.campaign_id = :campaign AND s.recipient_id = v.recipient_id
            LEFT JOIN pkl_agg_recipient r ON r.campaign_id = :campaign AND r.recipient_id = v.recipient_id
            LEFT JOIN pkl_unsubscribe u ON u.campaign_id = :campaign AND u.recipient_id = v.recipient_id
            WHERE s.recipient_id IS NOT NULL OR r.recipient_id IS NOT NULL OR u.recipient_id IS NOT NULL""";

    /** {@code pkl_eval_recipient_click} for a list of recipients, one index lookup per id (see above). */
    private static final String RECIPIENT_CLICKS_BY_ID = """
            SELECT x.campaign_id, x.recipient_id, NULLIF(x.link_id, N'') AS link_id, x.clicks_raw, x.clicks_clean,
                   x.first_click_raw, x.last_click_raw, x.first_click_clean, x.last_click_clean
            FROM (VALUES :ids) AS v(recipient_id)
            JOIN pkl_agg_recipient_link x ON x.campaign_id = :campaign AND x.recipient_id = v.recipient_id""";

    /** IN-list size for queries by recipient ids (SQL Server allows 2100 parameters). */
    private static final int KEYS_PER_QUERY = 400;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public CampaignReportDao(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    // ---------------------------------------------------------------- campaign

    /** Every registered campaign, oldest first ({@code pkl_eval_campaign}). */
    public List<CampaignKpis> campaigns() {
        return jdbc.query("""
                SELECT k.* FROM pkl_eval_campaign k JOIN pkl_campaign c ON c.campaign_id = k.campaign_id
                ORDER BY c.created_at, k.campaign_id""", CAMPAIGN);
    }

    public Optional<CampaignKpis> campaign(String campaignId) {
        return first(jdbc.query("SELECT * FROM pkl_eval_campaign WHERE campaign_id = ?", CAMPAIGN, campaignId));
    }

    /** The A/B variants of a campaign side by side, by variant code (no variant last) ({@code pkl_eval_variant}). */
    public List<VariantKpis> variants(String campaignId) {
        return jdbc.query("""
                SELECT * FROM pkl_eval_variant WHERE campaign_id = ?
                ORDER BY CASE WHEN variant IS NULL THEN 1 ELSE 0 END, variant""", VARIANT, campaignId);
    }

    // ---------------------------------------------------------------- revenue

    /** Revenue KPIs of every registered campaign ({@code pkl_eval_campaign_revenue}). */
    public List<RevenueKpis> revenues() {
        return jdbc.query("SELECT * FROM pkl_eval_campaign_revenue ORDER BY campaign_id", REVENUE);
    }

    public Optional<RevenueKpis> revenue(String campaignId) {
        return first(jdbc.query("SELECT * FROM pkl_eval_campaign_revenue WHERE campaign_id = ?", REVENUE,
                campaignId));
    }

    /** The orders attributed to a campaign, by order time ({@code pkl_eval_order_attribution}). */
    public List<AttributedOrder> attributedOrders(String campaignId) {
        return jdbc.query("""
                SELECT * FROM pkl_eval_order_attribution WHERE campaign_id = ? ORDER BY ordered_at, order_id""",
                ORDER, campaignId);
    }

    /** The {@code limit} attributed orders of a campaign with the highest net revenue (then by time, id). */
    public List<AttributedOrder> largestAttributedOrders(String campaignId, int limit) {
        // Read in the order of ix_pkl_agg_attribution_largest (ORDER BY repeats its leading column, see above).
        return jdbc.query("""
                SELECT * FROM pkl_eval_order_attribution WHERE campaign_id = ?
                ORDER BY campaign_id, revenue_net DESC, ordered_at, order_id
                OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY""", ORDER, campaignId, limit);
    }

    /** The winning click of one order, empty when the order is attributed to no campaign. */
    public Optional<AttributedOrder> attributionOf(String orderId) {
        return first(jdbc.query("SELECT * FROM pkl_eval_order_attribution WHERE order_id = ?", ORDER, orderId));
    }

    // ---------------------------------------------------------------- links

    /** The links of a campaign in e-mail order, unregistered ones last ({@code pkl_eval_link}). */
    public List<LinkKpis> links(String campaignId) {
        return jdbc.query("""
                SELECT * FROM pkl_eval_link WHERE campaign_id = ?
                ORDER BY CASE WHEN position_no IS NULL THEN 1 ELSE 0 END, position_no, link_id""", LINK, campaignId);
    }

    /** Clicks per link and segment of one kind ({@code pkl_eval_link_by_segment}). */
    public List<LinkSegmentKpis> linksBySegment(String campaignId, Segment segment) {
        Objects.requireNonNull(segment, "segment");
        return jdbc.query("""
                SELECT * FROM pkl_eval_link_by_segment WHERE campaign_id = ? AND segment_kind = ?
                ORDER BY link_id, CASE WHEN segment_value IS NULL THEN 1 ELSE 0 END, segment_value""",
                SEGMENT, campaignId, segment.kind());
    }

    // ---------------------------------------------------------------- recipients

    /** Every recipient of a campaign (sent to, or reacted), by recipient id ({@code pkl_eval_recipient}). */
    public List<RecipientReaction> recipients(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_eval_recipient WHERE campaign_id = ? ORDER BY recipient_id", RECIPIENT,
                campaignId);
    }

    /**
     * How many recipients reacted to a campaign: opened or clicked (raw), or unsubscribed. Read from the aggregates,
     * so it costs the same for any campaign size.
     */
    public long reactingRecipientCount(String campaignId) {
        Long n = jdbc.queryForObject("""
                SELECT COALESCE((SELECT SUM(a.recipients_reacted) FROM pkl_agg_campaign a WHERE a.campaign_id = ?), 0)
                     + (SELECT COUNT(*) FROM pkl_unsubscribe u
                        WHERE u.campaign_id = ?
                          AND NOT EXISTS (SELECT 1 FROM pkl_agg_recipient r
                                          WHERE r.campaign_id = u.campaign_id AND r.recipient_id = u.recipient_id))""",
                Long.class, campaignId, campaignId);
        return n == null ? 0 : n;
    }

    /**
     * The {@code limit} most active recipients of a campaign who reacted: clean clicks, raw clicks, clean opens, then
     * id ({@link RecipientReaction#MOST_ACTIVE_FIRST}). They are read in the order of an index on the aggregates, so
     * the cost does not grow with the campaign.
     */
    public List<RecipientReaction> mostActiveRecipients(String campaignId, int limit) {
        // ORDER BY repeats the index's leading column: only then does H2 read the index in order instead of sorting.
        List<String> ids = new ArrayList<>(jdbc.queryForList("""
                SELECT recipient_id FROM pkl_agg_recipient
                WHERE campaign_id = ?
                ORDER BY campaign_id, clicks_clean DESC, clicks_raw DESC, opens_clean DESC, recipient_id
                OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY""", String.class, campaignId, limit));
        if (ids.size() < limit) {
            // Who only unsubscribed has no aggregate row and comes after everyone who opened or clicked.
            ids.addAll(jdbc.queryForList("""
                    SELECT u.recipient_id FROM pkl_unsubscribe u
                    WHERE u.campaign_id = ?
                      AND NOT EXISTS (SELECT 1 FROM pkl_agg_recipient r
                                      WHERE r.campaign_id = u.campaign_id AND r.recipient_id = u.recipient_id)
                    ORDER BY u.recipient_id
                    OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY""", String.class, campaignId, limit - ids.size()));
        }
        return recipients(campaignId, ids).stream()
                .sorted(RecipientReaction.MOST_ACTIVE_FIRST)
                .toList();
    }

    /** The given recipients of a campaign ({@code pkl_eval_recipient}), by recipient id; unknown ids are left out. */
    public List<RecipientReaction> recipients(String campaignId, Collection<String> recipientIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(recipientIds));
        List<RecipientReaction> rows = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY));
            rows.addAll(named.query(RECIPIENTS_BY_ID, byIds(campaignId, slice), RECIPIENT));
        }
        rows.sort(Comparator.comparing(RecipientReaction::recipientId));
        return rows;
    }

    /** Per recipient and link clicks of the given recipients of a campaign, by recipient and link. */
    public List<RecipientClick> recipientClicks(String campaignId, Collection<String> recipientIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(recipientIds));
        List<RecipientClick> rows = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY));
            rows.addAll(named.query(RECIPIENT_CLICKS_BY_ID, byIds(campaignId, slice), RECIPIENT_CLICK));
        }
        rows.sort(Comparator.comparing(RecipientClick::recipientId)
                .thenComparing(RecipientClick::linkId, Comparator.nullsFirst(Comparator.naturalOrder())));
        return rows;
    }

    public Optional<RecipientReaction> recipient(String campaignId, String recipientId) {
        return first(jdbc.query("SELECT * FROM pkl_eval_recipient WHERE campaign_id = ? AND recipient_id = ?",
                RECIPIENT, campaignId, recipientId));
    }

    /** Per recipient and link clicks of a campaign ({@code pkl_eval_recipient_click}). */
    public List<RecipientClick> recipientClicks(String campaignId) {
        return jdbc.query("""
                SELECT * FROM pkl_eval_recipient_click WHERE campaign_id = ? ORDER BY recipient_id, link_id""",
                RECIPIENT_CLICK, campaignId);
    }

    public List<RecipientClick> recipientClicks(String campaignId, String recipientId) {
        return jdbc.query("""
                SELECT * FROM pkl_eval_recipient_click WHERE campaign_id = ? AND recipient_id = ? ORDER BY link_id""",
                RECIPIENT_CLICK, campaignId, recipientId);
    }

    // ---------------------------------------------------------------- timeline

    /** A campaign's reactions over time, oldest bucket first. */
    public List<TimelinePoint> timeline(String campaignId, TimelinePoint.Granularity granularity) {
        return switch (granularity) {
            case HOURS_SINCE_SEND -> jdbc.query(
                    "SELECT * FROM pkl_eval_timeline_hour WHERE campaign_id = ? ORDER BY hour_no",
                    (rs, i) -> point(rs, granularity, rs.getInt("hour_no"), null), campaignId);
            case DAY -> jdbc.query("SELECT * FROM pkl_eval_timeline_day WHERE campaign_id = ? ORDER BY period_start",
                    (rs, i) -> point(rs, granularity, null, date(rs, "period_start")), campaignId);
            case WEEK -> jdbc.query("SELECT * FROM pkl_eval_timeline_week WHERE campaign_id = ? ORDER BY period_start",
                    (rs, i) -> point(rs, granularity, null, date(rs, "period_start")), campaignId);
        };
    }

    // ---------------------------------------------------------------- mapping

    /** :campaign and :ids, the ids as one-element rows so that {@code VALUES :ids} becomes {@code VALUES (?), (?)}. */
    private static MapSqlParameterSource byIds(String campaignId, List<String> ids) {
        return new MapSqlParameterSource("campaign", campaignId)
                .addValue("ids", ids.stream().map(id -> new Object[] {id}).toList());
    }

    private static Kpis kpis(ResultSet rs) throws SQLException {
        return new Kpis(rs.getLong("recipients"), rs.getLong("sent"), rs.getLong("failed"), rs.getLong("bounced"),
                rs.getLong("bounced_hard"), rs.getLong("bounced_soft"), rs.getLong("delivered"),
                rs.getBigDecimal("delivery_rate"), rs.getBigDecimal("bounce_rate"),
                rs.getLong("opens_raw"), rs.getLong("opens_clean"), rs.getLong("unique_opens_raw"),
                rs.getLong("unique_opens_clean"), rs.getLong("clicks_raw"), rs.getLong("clicks_clean"),
                rs.getLong("unique_clicks_raw"), rs.getLong("unique_clicks_clean"),
                rs.getBigDecimal("open_rate_raw"), rs.getBigDecimal("open_rate_clean"), rs.getBigDecimal("ctr_raw"),
                rs.getBigDecimal("ctr_clean"), rs.getBigDecimal("ctr_total_raw"), rs.getBigDecimal("ctr_total_clean"),
                rs.getBigDecimal("ctor_raw"), rs.getBigDecimal("ctor_clean"), rs.getLong("unsubscribes"),
                rs.getBigDecimal("unsubscribe_rate"));
    }

    private static TimelinePoint point(ResultSet rs, TimelinePoint.Granularity granularity, Integer hourNo,
                                       LocalDate periodStart) throws SQLException {
        return new TimelinePoint(rs.getString("campaign_id"), granularity, hourNo, periodStart,
                rs.getLong("opens_raw"), rs.getLong("opens_clean"), rs.getLong("clicks_raw"),
                rs.getLong("clicks_clean"));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.stream().findFirst();
    }
}
