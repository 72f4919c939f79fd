package cz.proklik.erp.aggregate;

import cz.proklik.erp.privacy.RecipientErasure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Keeps {@code pkl_agg_attribution} (schema V2.3: each attributed ERP order and its winning clean click) up to date,
 * so that a campaign's revenue is a read of its own rows instead of a match of the whole order book against every
 * clean click. The rule itself (post-click, last clean click within the clicked campaign's window) is in
 * {@link #ATTRIBUTE}; docs/evaluation.md states it.
 * <p>
 * Which orders can change their winner: those after a newly folded clean click ({@link #clicksFolded}, called by
 * {@link AggregateMaintainer#addFile} in its transaction, marks the earliest one), and those the ERP recorded since
 * the last refresh. {@link #refresh} re-attributes the orders from the earlier of the two on; orders are entered
 * close to their order time, and {@link #LATE_ENTRY} covers the ones keyed in a little later. {@link #recomputeAll}
 * re-attributes everything: after flags changed, or a campaign's window did. Every refresh also re-reads the amounts
 * and returns of all attributed orders, so the views can read this one table.
 */
public class OrderAttribution {
    /** How late after its order time an ERP order may be entered and still be attributed by the next refresh. */
    public static final Duration LATE_ENTRY = Duration.ofDays(2);

    /** Winning clicks of the orders from a time on ('?'), with the buyer's variant and the order's amounts. */
    static final String ATTRIBUTE = """
            INSERT INTO pkl_agg_attribution (order_id, contact_id, ordered_at, campaign_id, variant, link_id,
                                             click_event_id, clicked_at, currency, gross_amount, discount_amount,
                                             net_amount, returned_net_amount)
            SELECT w.order_id, w.contact_id, w.ordered_at, w.campaign_id,
                   COALESCE(s.variant, g.variant, N''), w.link_id, w.click_event_id, w.clicked_at,
                   w.currency, w.gross_amount, w.discount_amount, w.net_amount, 0
            FROM (
                SELECT o.order_id, o.contact_id, o.ordered_at, o.currency, o.gross_amount, o.discount_amount,
                       o.net_amount, k.campaign_id, k.link_id, k.event_id AS click_event_id, k.clicked_at,
                       ROW_NUMBER() OVER (PARTITION BY o.order_id
                                          ORDER BY k.clicked_at DESC, k.campaign_id DESC, k.event_id DESC) AS rn
                FROM pkl_erp_order o
                JOIN pkl_agg_click k ON k.recipient_id = o.contact_id
                                    AND k.clicked_at < o.ordered_at
                                    AND k.clicked_at >= DATEADD(DAY, -365, o.ordered_at)
                JOIN pkl_campaign c ON c.campaign_id = k.campaign_id
                WHERE o.is_return = 0
                  AND o.ordered_at >= ?
                  AND o.ordered_at <= DATEADD(DAY, c.attribution_days, k.clicked_at)
            ) w
            LEFT JOIN pkl_send s ON s.campaign_id = w.campaign_id AND s.recipient_id = w.contact_id
            LEFT JOIN pkl_agg_recipient g ON g.campaign_id = w.campaign_id AND g.recipient_id = w.contact_id
            WHERE w.rn = 1
              AND NOT EXISTS (SELECT 1 FROM pkl_agg_attribution x WHERE x.order_id = w.order_id)""";

    /**
     * Amounts and returns of every attributed order as the ERP has them now: an order is edited, a return is
     * booked weeks later. An order gone from the ERP is dropped; then one set-based MERGE (not UPDATE ... FROM, which
     * H2's MSSQLServer mode lacks) reads each attributed order and its returns once and writes only the rows whose
     * figures changed - review finding 16: the correlated subqueries it replaces read the adapter view five times
     * per attributed order and rewrote every row on every refresh.
     */
    private static final List<String> READ_AMOUNTS = List.of("""
            DELETE FROM pkl_agg_attribution
            WHERE NOT EXISTS (SELECT 1 FROM pkl_erp_order o
                              WHERE o.order_id = pkl_agg_attribution.order_id AND o.is_return = 0)""", """
            MERGE INTO pkl_agg_attribution t
            USING (
                SELECT o.order_id, o.currency, o.gross_amount, o.discount_amount, o.net_amount,
                       COALESCE(r.returned_net_amount, 0) AS returned_net_amount
                FROM pkl_erp_order o
                LEFT JOIN (SELECT x.return_of_order_id, SUM(ABS(x.net_amount)) AS returned_net_amount
                           FROM pkl_erp_order x
                           WHERE x.is_return = 1
                           GROUP BY x.return_of_order_id) r ON r.return_of_order_id = o.order_id
                WHERE o.is_return = 0
                  AND o.order_id IN (SELECT a.order_id FROM pkl_agg_attribution a)
            ) s ON (t.order_id = s.order_id)
            WHEN MATCHED AND (t.currency <> s.currency OR t.gross_amount <> s.gross_amount
                              OR t.discount_amount <> s.discount_amount OR t.net_amount <> s.net_amount
                              OR t.returned_net_amount <> s.returned_net_amount OR t.revenue_net IS NULL
                              OR t.revenue_net <> s.net_amount - s.returned_net_amount)
            THEN UPDATE SET currency = s.currency, gross_amount = s.gross_amount, discount_amount = s.discount_amount,
                net_amount = s.net_amount, returned_net_amount = s.returned_net_amount,
                revenue_net = s.net_amount - s.returned_net_amount;""");

    /** Revenue per campaign, variant and currency (schema V2.5), summed once per refresh instead of per query. */
    private static final List<String> SUM_REVENUE = List.of("DELETE FROM pkl_agg_revenue", """
            INSERT INTO pkl_agg_revenue (campaign_id, variant, currency, orders, orders_same_session, buyers,
                                         revenue_gross, returned_net_amount, revenue_net, revenue_net_same_session)
            SELECT a.campaign_id, a.variant, a.currency, COUNT(*),
                   SUM(CASE WHEN CAST(a.ordered_at AS DATE) = CAST(a.clicked_at AS DATE) THEN 1 ELSE 0 END),
                   COUNT(DISTINCT a.contact_id), SUM(a.gross_amount), SUM(a.returned_net_amount), SUM(a.revenue_net),
                   SUM(CASE WHEN CAST(a.ordered_at AS DATE) = CAST(a.clicked_at AS DATE) THEN a.revenue_net ELSE 0 END)
            FROM pkl_agg_attribution a
            GROUP BY a.campaign_id, a.variant, a.currency""");

    /** Before any order a real ERP holds; "from the beginning". */
    private static final Instant BEGINNING = Instant.parse("1900-01-01T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public OrderAttribution(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Notes that clean clicks from {@code earliestClick} on were folded: orders after it need a new look. */
    void clicksFolded(Instant earliestClick) {
        jdbc.update("""
                UPDATE pkl_agg_attribution_state
                SET dirty_since = CASE WHEN dirty_since IS NULL OR dirty_since > ? THEN ? ELSE dirty_since END
                WHERE state_id = 1""", toDb(earliestClick), toDb(earliestClick));
    }

    /**
     * Re-attributes the orders that new clicks or new ERP orders can have changed (see the class comment); the
     * first call re-attributes all. One transaction. Returns the order time it re-attributed from, or empty when an
     * aggregates rebuild runs: the clicks are incomplete then, and the rebuild re-attributes every order at its end.
     */
    public Optional<Instant> refresh() {
        return tx.execute(status -> {
            if (!RebuildState.lockIfIdle(jdbc)) {
                return Optional.<Instant>empty();
            }
            Instant[] state = jdbc.queryForObject(
                    "SELECT dirty_since, refreshed_at FROM pkl_agg_attribution_state WHERE state_id = 1",
                    (rs, i) -> new Instant[] {fromDb(rs, "dirty_since"), fromDb(rs, "refreshed_at")});
            Instant dirtySince = state[0];
            Instant refreshedAt = state[1];
            Instant from = refreshedAt == null ? BEGINNING : refreshedAt.minus(LATE_ENTRY);
            if (dirtySince != null && dirtySince.isBefore(from)) {
                from = dirtySince;
            }
            attributeFrom(from);
            return Optional.of(from);
        });
    }

    /** Re-attributes every order (joins the caller's transaction, as {@link AggregateMaintainer#rebuild} does). */
    public void recomputeAll() {
        tx.executeWithoutResult(status -> attributeFrom(BEGINNING));
    }

    /** When attribution was last brought up to date, empty before the first time. */
    public Optional<Instant> refreshedAt() {
        return Optional.ofNullable(jdbc.queryForObject(
                "SELECT refreshed_at FROM pkl_agg_attribution_state WHERE state_id = 1",
                (rs, i) -> fromDb(rs, "refreshed_at")));
    }

    private void attributeFrom(Instant from) {
        // The attribution of an erased recipient cannot be recomputed (their clicks no longer carry the ERP's contact
        // id): it stays as it was decided, so erasure changes no revenue figure (docs/privacy.md).
        jdbc.update("DELETE FROM pkl_agg_attribution WHERE ordered_at >= ? AND contact_id NOT LIKE ?", toDb(from),
                RecipientErasure.TOKEN_PREFIX + "%");
        jdbc.update(ATTRIBUTE, toDb(from));
        READ_AMOUNTS.forEach(jdbc::update);
        SUM_REVENUE.forEach(jdbc::update);
        jdbc.update("UPDATE pkl_agg_attribution_state SET dirty_since = NULL, refreshed_at = ? WHERE state_id = 1",
                toDb(clock.instant()));
    }
}
