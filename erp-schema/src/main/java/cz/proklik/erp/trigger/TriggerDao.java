package cz.proklik.erp.trigger;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.mailing.ErpProduct;
import cz.proklik.erp.mailing.delivery.DeliveryDao;
import cz.proklik.erp.mailing.delivery.DeliveryState;
import cz.proklik.erp.mailing.list.Candidate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The triggers ({@code pkl_trigger}), the conditions that find their new occurrences over the ERP adapter views, and
 * the occurrences recorded ({@code pkl_trigger_occurrence}) with their delivery rows (docs/triggers.md). Each kind's
 * condition is one fixed statement; the trigger's parameter, the times and the shop are bound values, so nothing of
 * a trigger becomes SQL. An occurrence already recorded for the trigger is never found again.
 */
public class TriggerDao {
    private static final RowMapper<Trigger> ROW = (rs, i) -> new Trigger(rs.getString("trigger_id"),
            TriggerKind.fromCode(rs.getString("kind")), (Integer) rs.getObject("days", Integer.class),
            (Integer) rs.getObject("hours", Integer.class), rs.getBigDecimal("min_amount"), rs.getString("campaign_id"),
            rs.getString("template_id"), rs.getString("shop_code"), rs.getBoolean("personal_greeting"),
            fromDb(rs, "active_from"), "active".equals(rs.getString("status")), fromDb(rs, "created_at"),
            fromDb(rs, "last_run_at"));

    /** The contact columns every condition reads with its occurrence (for the screening). */
    private static final String CONTACT = "c.contact_id, c.email, c.email_consent";

    private static final String NOT_RECORDED = """
             AND NOT EXISTS (SELECT 1 FROM pkl_trigger_occurrence x
                             WHERE x.trigger_id = :t AND x.contact_id = c.contact_id AND x.occurrence_key = %s)""";

    /** Registered at least N days ago, the N days ran out after the trigger started, no order within them. */
    private static final String NO_PURCHASE = "SELECT " + CONTACT + ", r.registered_at FROM pkl_erp_registration r"
            + " JOIN pkl_erp_contact c ON c.contact_id = r.contact_id"
            + " WHERE r.registered_at <= :dueBy AND r.registered_at >= :dueFrom"
            + " AND (CAST(:shop AS NVARCHAR(64)) IS NULL OR r.shop_code = :shop)"
            + " AND NOT EXISTS (SELECT 1 FROM pkl_erp_order o WHERE o.contact_id = r.contact_id AND o.is_return = 0"
            + " AND o.ordered_at >= r.registered_at AND o.ordered_at < DATEADD(DAY, :days, r.registered_at))"
            + NOT_RECORDED.formatted(":key") + " ORDER BY c.contact_id";

    /** Born on this month and day (and on 29 February, on the 28th of a common year). */
    private static final String BIRTHDAY = "SELECT " + CONTACT + " FROM pkl_erp_contact c"
            + " WHERE c.birthday IS NOT NULL AND ((MONTH(c.birthday) = :m AND DAY(c.birthday) = :d)"
            + " OR (MONTH(c.birthday) = :m2 AND DAY(c.birthday) = :d2))"
            + NOT_RECORDED.formatted(":key") + " ORDER BY c.contact_id";

    /** An open pre-order whose product is available now. */
    private static final String BACK_IN_STOCK = "SELECT " + CONTACT + ", p.preorder_id, p.product_id, s.available_qty"
            + " FROM pkl_erp_preorder p JOIN pkl_erp_stock s ON s.product_id = p.product_id"
            + " JOIN pkl_erp_contact c ON c.contact_id = p.contact_id"
            + " WHERE p.is_open = 1 AND s.available_qty > 0"
            + NOT_RECORDED.formatted("p.preorder_id") + " ORDER BY c.contact_id, p.preorder_id";

    /** A cart with items, not ordered, unchanged for N hours (ran out after the trigger started), no order since. */
    private static final String ABANDONED_CART = "SELECT " + CONTACT + ", k.cart_id, k.changed_at, k.item_count"
            + " FROM pkl_erp_cart k JOIN pkl_erp_contact c ON c.contact_id = k.contact_id"
            + " WHERE k.order_id IS NULL AND k.item_count > 0 AND k.changed_at <= :dueBy AND k.changed_at >= :dueFrom"
            + " AND (CAST(:shop AS NVARCHAR(64)) IS NULL OR k.shop_code = :shop)"
            + " AND NOT EXISTS (SELECT 1 FROM pkl_erp_order o WHERE o.contact_id = k.contact_id AND o.is_return = 0"
            + " AND o.ordered_at >= k.changed_at)"
            + NOT_RECORDED.formatted("k.cart_id") + " ORDER BY c.contact_id, k.cart_id";

    /** An order (not a return) of at least the amount, placed since the trigger started. */
    private static final String ORDER_OVER = "SELECT " + CONTACT + ", o.order_id, o.ordered_at, o.net_amount, o.currency"
            + " FROM pkl_erp_order o JOIN pkl_erp_contact c ON c.contact_id = o.contact_id"
            + " WHERE o.is_return = 0 AND o.net_amount >= :amount AND o.ordered_at >= :from AND o.ordered_at <= :now"
            + " AND (CAST(:shop AS NVARCHAR(64)) IS NULL OR o.shop_code = :shop)"
            + NOT_RECORDED.formatted("o.order_id") + " ORDER BY c.contact_id, o.order_id";

    /** The product columns of an occurrence's products; a product missing from pkl_erp_product has only its id. */
    private static final String PRODUCT = "p.sku, p.name, p.product_group, p.image_url";

    /** The pre-ordered product (no quantity: the pre-order view gives none). */
    private static final String PREORDER_PRODUCTS = "SELECT v.product_id, " + PRODUCT + ", p.price,"
            + " CAST(NULL AS DECIMAL(19,4)) AS quantity"
            + " FROM pkl_erp_preorder v LEFT JOIN pkl_erp_product p ON p.product_id = v.product_id"
            + " WHERE v.preorder_id = :key AND v.contact_id = :contact";

    /** The cart's items in its order, at the cart's price when it gives one. */
    private static final String CART_PRODUCTS = "SELECT i.product_id, " + PRODUCT + ","
            + " COALESCE(i.unit_price, p.price) AS price, i.quantity"
            + " FROM pkl_erp_cart_item i LEFT JOIN pkl_erp_product p ON p.product_id = i.product_id"
            + " WHERE i.cart_id = :key ORDER BY i.line_no";

    /** The key of the one registration a contact has. */
    public static final String REGISTRATION_KEY = "registration";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final DeliveryDao deliveries;
    private final CampaignDao campaigns;
    private final Clock clock;

    public TriggerDao(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.deliveries = new DeliveryDao(dataSource, clock);
        this.campaigns = new CampaignDao(dataSource, clock);
        this.clock = clock;
    }

    /**
     * Adds the trigger with its automation campaign (the {@code pkl_campaign} row the views count it under), in one
     * transaction.
     *
     * @throws DuplicateKeyException when the trigger id is taken or its campaign has a trigger already
     */
    public void add(Trigger t, Campaign campaign) {
        if (!campaign.id().equals(t.campaignId())) {
            throw new IllegalArgumentException("the trigger's campaign is " + t.campaignId() + ", not " + campaign.id());
        }
        tx.executeWithoutResult(s -> {
            campaigns.register(campaign);
            insert(t);
        });
    }

    private void insert(Trigger t) {
        jdbc.update("""
                INSERT INTO pkl_trigger (trigger_id, kind, days, hours, min_amount, campaign_id, template_id, shop_code,
                                         personal_greeting, active_from, status, created_at)
                VALUES (:id, :kind, :days, :hours, :amount, :c, :tpl, :shop, :greeting, :from, 'active', :now)""",
                new MapSqlParameterSource("id", t.id()).addValue("kind", t.kind().code()).addValue("days", t.days())
                        .addValue("hours", t.hours()).addValue("amount", t.minAmount()).addValue("c", t.campaignId())
                        .addValue("tpl", t.templateId()).addValue("shop", t.shop())
                        .addValue("greeting", t.personalGreeting()).addValue("from", toDb(t.activeFrom()))
                        .addValue("now", toDb(t.createdAt())));
    }

    public Optional<Trigger> find(String id) {
        return jdbc.query("SELECT * FROM pkl_trigger WHERE trigger_id = :id", new MapSqlParameterSource("id", id), ROW)
                .stream().findFirst();
    }

    /** Every trigger, or only the active ones, by id. */
    public List<Trigger> all(boolean withRemoved) {
        return jdbc.query("SELECT * FROM pkl_trigger" + (withRemoved ? "" : " WHERE status = 'active'")
                + " ORDER BY trigger_id", ROW);
    }

    /**
     * Stops a trigger for good; it, its occurrences and its campaign stay for the statistics.
     *
     * @return false when there is no active trigger of that id
     */
    public boolean remove(String id) {
        return jdbc.update("UPDATE pkl_trigger SET status = 'removed' WHERE trigger_id = :id AND status = 'active'",
                new MapSqlParameterSource("id", id)) == 1;
    }

    public void ran(String id, Instant at) {
        jdbc.update("UPDATE pkl_trigger SET last_run_at = :at WHERE trigger_id = :id",
                new MapSqlParameterSource("id", id).addValue("at", toDb(at)));
    }

    /**
     * The occurrences of the trigger's event that hold now and are not recorded yet.
     *
     * @param zone the zone whose calendar day a birthday is
     */
    public List<Occurrence> newOccurrences(Trigger t, Instant now, ZoneId zone) {
        MapSqlParameterSource p = new MapSqlParameterSource("t", t.id()).addValue("shop", t.shop())
                .addValue("now", toDb(now));
        return switch (t.kind()) {
            case NO_PURCHASE -> {
                Duration window = Duration.ofDays(t.days());
                p.addValue("days", t.days()).addValue("dueBy", toDb(now.minus(window)))
                        .addValue("dueFrom", toDb(t.activeFrom().minus(window))).addValue("key", REGISTRATION_KEY);
                yield jdbc.query(NO_PURCHASE, p, (rs, i) -> occurrence(rs, REGISTRATION_KEY,
                        fromDb(rs, "registered_at").plus(window), "registered " + fromDb(rs, "registered_at")
                                + ", no order within " + t.days() + " days"));
            }
            case BIRTHDAY -> {
                LocalDate today = LocalDate.ofInstant(now, zone);
                MonthDay day = MonthDay.from(today);
                // 29 February is celebrated on the 28th when the year has no 29th.
                MonthDay also = day.equals(MonthDay.of(2, 28)) && !today.isLeapYear() ? MonthDay.of(2, 29) : day;
                String key = String.valueOf(today.getYear());
                Instant dayStart = today.atStartOfDay(zone).toInstant();
                p.addValue("m", day.getMonthValue()).addValue("d", day.getDayOfMonth())
                        .addValue("m2", also.getMonthValue()).addValue("d2", also.getDayOfMonth()).addValue("key", key);
                yield jdbc.query(BIRTHDAY, p, (rs, i) -> occurrence(rs, key, dayStart, "birthday " + today));
            }
            case BACK_IN_STOCK -> jdbc.query(BACK_IN_STOCK, p, (rs, i) -> occurrence(rs, rs.getString("preorder_id"),
                    now, "pre-order " + rs.getString("preorder_id") + ": product " + rs.getString("product_id")
                            + " in stock (" + plain(rs.getBigDecimal("available_qty")) + ")"));
            case ABANDONED_CART -> {
                Duration left = Duration.ofHours(t.hours());
                p.addValue("dueBy", toDb(now.minus(left))).addValue("dueFrom", toDb(t.activeFrom().minus(left)));
                yield jdbc.query(ABANDONED_CART, p, (rs, i) -> occurrence(rs, rs.getString("cart_id"),
                        fromDb(rs, "changed_at").plus(left), "cart " + rs.getString("cart_id") + " ("
                                + rs.getInt("item_count") + " items) left since " + fromDb(rs, "changed_at")));
            }
            case ORDER_OVER -> {
                p.addValue("amount", t.minAmount()).addValue("from", toDb(t.activeFrom()));
                yield jdbc.query(ORDER_OVER, p, (rs, i) -> occurrence(rs, rs.getString("order_id"),
                        fromDb(rs, "ordered_at"), "order " + rs.getString("order_id") + " "
                                + plain(rs.getBigDecimal("net_amount")) + " " + rs.getString("currency")));
            }
        };
    }

    private static Occurrence occurrence(ResultSet rs, String key, Instant at, String detail)
            throws SQLException {
        return new Occurrence(rs.getString("contact_id"), key, at, detail.length() > 200 ? detail.substring(0, 200)
                : detail, rs.getString("email"), rs.getBoolean("email_consent"));
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "?" : amount.stripTrailingZeros().toPlainString();
    }

    /**
     * Records one occurrence with its delivery row in one transaction: queued for the send, or skipped with
     * {@code skipReasonOrNull}. A second run (or a run racing this one) finds it recorded and adds nothing.
     *
     * @return false when the occurrence was recorded already (nothing changed)
     */
    public boolean record(Trigger t, Occurrence o, String skipReasonOrNull) {
        try {
            tx.executeWithoutResult(s -> {
                long delivery = deliveries.queueOccurrence(t.campaignId(), o.contactId(), o.email(), o.key(),
                        skipReasonOrNull);
                jdbc.update("""
                        INSERT INTO pkl_trigger_occurrence (trigger_id, contact_id, occurrence_key, occurred_at, detail,
                                                            found_at, delivery_id)
                        VALUES (:t, :c, :k, :at, :detail, :now, :d)""",
                        new MapSqlParameterSource("t", t.id()).addValue("c", o.contactId()).addValue("k", o.key())
                                .addValue("at", toDb(o.occurredAt())).addValue("detail", o.detail())
                                .addValue("now", toDb(clock.instant())).addValue("d", delivery));
            });
            return true;
        } catch (DuplicateKeyException recorded) {
            return false;
        }
    }

    /**
     * The contacts of the trigger campaign's queued rows as the ERP gives them now (address, consent), to screen
     * them again before the send: a contact who unsubscribed between the run that queued and the send is skipped.
     * A contact no longer in the ERP is left out (the sender skips the row itself).
     */
    public List<Candidate> queuedContacts(String campaignId) {
        return jdbc.query("""
                SELECT DISTINCT c.contact_id, c.email, c.email_consent
                FROM pkl_mail_delivery d JOIN pkl_erp_contact c ON c.contact_id = d.recipient_id
                WHERE d.campaign_id = :c AND d.state = 'queued'
                ORDER BY c.contact_id""", new MapSqlParameterSource("c", campaignId),
                (rs, i) -> new Candidate(rs.getString("contact_id"), rs.getString("email"),
                        rs.getBoolean("email_consent"), 0));
    }

    /**
     * The products a trigger mail shows (docs/triggers.md): the pre-ordered product back in stock, the abandoned
     * cart's items with quantity and the cart's price, as the ERP gives them when the mail is made; none for the
     * other kinds.
     *
     * @return empty when the delivery is not a trigger occurrence's (a campaign's mail shows its card's products)
     */
    public Optional<List<ErpProduct>> productsOfDelivery(long deliveryId) {
        List<Map.Entry<TriggerKind, MapSqlParameterSource>> of = jdbc.query("""
                SELECT t.kind, x.occurrence_key, x.contact_id
                FROM pkl_trigger_occurrence x JOIN pkl_trigger t ON t.trigger_id = x.trigger_id
                WHERE x.delivery_id = :d""", new MapSqlParameterSource("d", deliveryId),
                (rs, i) -> Map.entry(TriggerKind.fromCode(rs.getString("kind")),
                        new MapSqlParameterSource("key", rs.getString("occurrence_key"))
                                .addValue("contact", rs.getString("contact_id"))));
        if (of.isEmpty()) {
            return Optional.empty();
        }
        String sql = switch (of.get(0).getKey()) {
            case BACK_IN_STOCK -> PREORDER_PRODUCTS;
            case ABANDONED_CART -> CART_PRODUCTS;
            default -> null;
        };
        return Optional.of(sql == null ? List.of() : jdbc.query(sql, of.get(0).getValue(),
                (rs, i) -> new ErpProduct(rs.getString("product_id"), rs.getString("sku"), rs.getString("name"),
                        rs.getString("product_group"), rs.getBigDecimal("price"), rs.getString("image_url"),
                        rs.getBigDecimal("quantity"))));
    }

    /**
     * The contact's trigger mails of one day, over every trigger (the daily cap, docs/triggers.md): those handed
     * over in {@code [dayStart, dayEnd)} (accepted, in doubt, being handed over) and those still waiting to go
     * (queued, also for a retry or the sending window), which go out at the next chance.
     */
    public int mailsOfTheDay(String contactId, Instant dayStart, Instant dayEnd) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM pkl_trigger_occurrence x JOIN pkl_mail_delivery d ON d.delivery_id = x.delivery_id
                WHERE x.contact_id = :c
                  AND (d.state = 'queued' OR (d.state IN ('handing_over', 'accepted', 'in_doubt')
                       AND d.handed_over_at >= :from AND d.handed_over_at < :to))""",
                new MapSqlParameterSource("c", contactId).addValue("from", toDb(dayStart)).addValue("to", toDb(dayEnd)),
                Integer.class);
        return n == null ? 0 : n;
    }

    /** A recorded occurrence with what became of its mail (the delivery's state and reply or skip reason). */
    public record Recorded(String contactId, String key, Instant occurredAt, String detail, Instant foundAt,
                           DeliveryState state, String outcome) {
    }

    /** The trigger's recorded occurrences, newest first, at most {@code limit}. */
    public List<Recorded> occurrences(String triggerId, int limit) {
        return jdbc.query("""
                SELECT x.contact_id, x.occurrence_key, x.occurred_at, x.detail, x.found_at, d.state, d.smtp_reply
                FROM pkl_trigger_occurrence x JOIN pkl_mail_delivery d ON d.delivery_id = x.delivery_id
                WHERE x.trigger_id = :t
                ORDER BY x.found_at DESC, x.contact_id, x.occurrence_key OFFSET 0 ROWS FETCH NEXT :n ROWS ONLY""",
                new MapSqlParameterSource("t", triggerId).addValue("n", limit),
                (rs, i) -> new Recorded(rs.getString("contact_id"), rs.getString("occurrence_key"),
                        fromDb(rs, "occurred_at"), rs.getString("detail"), fromDb(rs, "found_at"),
                        DeliveryState.fromCode(rs.getString("state")), rs.getString("smtp_reply")));
    }

    /** The trigger's occurrences per state of their mail (every state present, 0 when none). */
    public Map<DeliveryState, Long> counts(String triggerId) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("""
                SELECT d.state, COUNT(*) AS n FROM pkl_trigger_occurrence x
                JOIN pkl_mail_delivery d ON d.delivery_id = x.delivery_id
                WHERE x.trigger_id = :t GROUP BY d.state""", new MapSqlParameterSource("t", triggerId),
                rs -> {
                    counts.put(DeliveryState.fromCode(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }
}
