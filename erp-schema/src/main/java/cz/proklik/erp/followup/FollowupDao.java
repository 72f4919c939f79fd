package cz.proklik.erp.followup;

import cz.proklik.erp.db.Ids;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Follow-up rules ({@code pkl_followup_rule}) and the queue ({@code pkl_followup}). Each trigger has one constant
 * query for the recipients whose first clean reaction fires a rule that has no item for them yet; an item goes in
 * with an insert-if-absent that takes the key's lock first ({@code WITH (UPDLOCK, HOLDLOCK)}, docs/schema.md), and
 * the unique index on (rule, recipient) turns a lost race into "already there", never a second item.
 */
public class FollowupDao {
    private static final String NO_ITEM_YET = " AND NOT EXISTS (SELECT 1 FROM pkl_followup f"
            + " WHERE f.rule_id = :rule AND f.recipient_id = ";

    /** First clean click per recipient on the rule's link (the aggregate keeps its time; the event is beside it). */
    private static final String CLICKED_LINK = """
            SELECT a.recipient_id, a.first_click_clean AS at, a.link_id, CAST(NULL AS NVARCHAR(64)) AS order_id,
                   (SELECT MIN(k.event_id) FROM pkl_agg_click k WHERE k.recipient_id = a.recipient_id
                    AND k.clicked_at = a.first_click_clean AND k.campaign_id = a.campaign_id
                    AND k.link_id = a.link_id) AS event_id
            FROM pkl_agg_recipient_link a
            WHERE a.campaign_id = :c AND a.link_id = :l AND a.clicks_clean > 0""" + NO_ITEM_YET
            + "a.recipient_id) ORDER BY a.recipient_id";

    private static final String CLICKED_ANY = """
            SELECT a.recipient_id, a.first_click_clean AS at, CAST(NULL AS NVARCHAR(64)) AS order_id,
                   (SELECT MIN(k.link_id) FROM pkl_agg_click k WHERE k.recipient_id = a.recipient_id
                    AND k.clicked_at = a.first_click_clean AND k.campaign_id = a.campaign_id) AS link_id,
                   (SELECT MIN(k.event_id) FROM pkl_agg_click k WHERE k.recipient_id = a.recipient_id
                    AND k.clicked_at = a.first_click_clean AND k.campaign_id = a.campaign_id) AS event_id
            FROM pkl_agg_recipient a
            WHERE a.campaign_id = :c AND a.clicks_clean > 0""" + NO_ITEM_YET + "a.recipient_id) ORDER BY a.recipient_id";

    /** Orders attributed to the campaign (post-click); the first per buyer wins, in the order below. */
    private static final String ORDERED = """
            SELECT t.contact_id AS recipient_id, t.ordered_at AS at, t.link_id, t.order_id, t.click_event_id AS event_id
            FROM pkl_agg_attribution t
            WHERE t.campaign_id = :c""" + NO_ITEM_YET + "t.contact_id) ORDER BY t.contact_id, t.ordered_at, t.order_id";

    /** Clean events of one type (unsubscribe, response); the first per recipient wins. */
    private static final String EVENTS = """
            SELECT e.recipient_id, e.event_time AS at, e.link_id, CAST(NULL AS NVARCHAR(64)) AS order_id, e.event_id
            FROM pkl_event e
            WHERE e.campaign_id = :c AND e.event_type = :type AND e.is_clean = 1 AND e.recipient_id IS NOT NULL"""
            + NO_ITEM_YET + "e.recipient_id) ORDER BY e.recipient_id, e.event_time, e.id";

    private static final String INSERT_ONCE = """
            INSERT INTO pkl_followup (rule_id, campaign_id, recipient_id, item_kind, owner, item_text, trigger_kind,
                                      trigger_event_id, trigger_order_id, triggered_at, status, created_at)
            SELECT :rule, :c, :r, :kind, :owner, :text, :trig, :ev, :ord, :at, 'new', :now
            WHERE NOT EXISTS (SELECT 1 FROM pkl_followup WITH (UPDLOCK, HOLDLOCK)
                              WHERE rule_id = :rule AND recipient_id = :r)""";

    private static final String INSERT_MANUAL = """
            INSERT INTO pkl_followup (rule_id, campaign_id, recipient_id, item_kind, owner, item_text, trigger_kind,
                                      trigger_event_id, trigger_order_id, triggered_at, status, created_at)
            VALUES (NULL, :c, :r, :kind, :owner, :text, :trig, :ev, :ord, :at, 'new', :now)""";

    private static final RowMapper<FollowupRule> RULE = (rs, i) -> new FollowupRule(rs.getInt("rule_id"),
            rs.getString("campaign_id"), FollowupTrigger.fromCode(rs.getString("trigger_kind")),
            rs.getString("link_id"), ItemKind.fromCode(rs.getString("item_kind")), rs.getString("owner"),
            rs.getString("text_template"), fromDb(rs, "created_at"), fromDb(rs, "removed_at"));

    private static final RowMapper<FollowupItem> ITEM = (rs, i) -> new FollowupItem(rs.getLong("followup_id"),
            (Integer) rs.getObject("rule_id", Integer.class), rs.getString("campaign_id"), rs.getString("recipient_id"),
            ItemKind.fromCode(rs.getString("item_kind")), rs.getString("owner"), rs.getString("item_text"),
            rs.getString("trigger_kind"), strip(rs.getString("trigger_event_id")), rs.getString("trigger_order_id"),
            fromDb(rs, "triggered_at"), FollowupStatus.fromCode(rs.getString("status")), fromDb(rs, "created_at"),
            fromDb(rs, "taken_at"), fromDb(rs, "done_at"), rs.getString("erp_ref"));

    private static final RowMapper<Trigger> TRIGGER = (rs, i) -> new Trigger(rs.getString("recipient_id"),
            strip(rs.getString("event_id")), rs.getString("order_id"), rs.getString("link_id"), fromDb(rs, "at"));

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public FollowupDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.ownTransaction = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Stores a new rule and returns its id. */
    public int addRule(FollowupRule rule) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO pkl_followup_rule (campaign_id, trigger_kind, link_id, item_kind, owner, text_template,
                                               created_at)
                VALUES (:c, :trig, :l, :kind, :owner, :text, :at)""",
                new MapSqlParameterSource("c", rule.campaignId()).addValue("trig", rule.trigger().code())
                        .addValue("l", rule.linkId()).addValue("kind", rule.kind().code())
                        .addValue("owner", rule.owner()).addValue("text", rule.textTemplate())
                        .addValue("at", toDb(rule.createdAt())), key, new String[] {"rule_id"});
        return key.getKeyAs(Number.class).intValue();
    }

    public Optional<FollowupRule> rule(int ruleId) {
        return jdbc.query("SELECT * FROM pkl_followup_rule WHERE rule_id = :id",
                new MapSqlParameterSource("id", ruleId), RULE).stream().findFirst();
    }

    /** Active rules (and removed ones when asked), by id. */
    public List<FollowupRule> rules(boolean withRemoved) {
        return jdbc.query("SELECT * FROM pkl_followup_rule" + (withRemoved ? "" : " WHERE removed_at IS NULL")
                + " ORDER BY rule_id", RULE);
    }

    /** Stops a rule; its items stay in the queue. False when there is no such active rule. */
    public boolean removeRule(int ruleId, Instant at) {
        return jdbc.update("UPDATE pkl_followup_rule SET removed_at = :at WHERE rule_id = :id AND removed_at IS NULL",
                new MapSqlParameterSource("id", ruleId).addValue("at", toDb(at))) == 1;
    }

    /** Items created per rule (rules without items: absent). */
    public Map<Integer, Integer> itemCounts() {
        Map<Integer, Integer> counts = new TreeMap<>();
        jdbc.query("SELECT rule_id, COUNT(*) AS items FROM pkl_followup WHERE rule_id IS NOT NULL GROUP BY rule_id",
                rs -> {
                    counts.put(rs.getInt("rule_id"), rs.getInt("items"));
                });
        return counts;
    }

    /** The first clean reaction of every recipient that fires this rule and has no item of it yet. */
    public List<Trigger> pendingTriggers(FollowupRule rule) {
        MapSqlParameterSource p = new MapSqlParameterSource("c", rule.campaignId()).addValue("rule", rule.id());
        String sql = switch (rule.trigger()) {
            case CLICKED_LINK -> {
                p.addValue("l", rule.linkId());
                yield CLICKED_LINK;
            }
            case CLICKED_ANY -> CLICKED_ANY;
            case ORDERED -> ORDERED;
            case UNSUBSCRIBED -> {
                p.addValue("type", "unsubscribe");
                yield EVENTS;
            }
            case RESPONDED -> {
                p.addValue("type", "response");
                yield EVENTS;
            }
        };
        List<Trigger> first = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Trigger t : jdbc.query(sql, p, TRIGGER)) {
            if (seen.add(t.recipientId())) {
                first.add(t);
            }
        }
        return first;
    }

    /**
     * Queues the items of one rule in a transaction of their own; an item whose rule and recipient already have one
     * is skipped. Returns how many were added.
     */
    public int queueOnce(List<FollowupItem> items) {
        Integer added = ownTransaction.execute(s -> {
            int n = 0;
            for (FollowupItem item : items) {
                if (item.ruleId() == null) {
                    throw new IllegalArgumentException("a rule's item needs its rule id");
                }
                try {
                    n += jdbc.update(INSERT_ONCE, params(item));
                } catch (DuplicateKeyException raceLost) {
                    // Another import run queued it between our check and our insert: it exists once, as it should.
                }
            }
            return n;
        });
        return added == null ? 0 : added;
    }

    /** Queues an item made by hand and returns its id. */
    public long queueManual(FollowupItem item) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(INSERT_MANUAL, params(item), key, new String[] {"followup_id"});
        return key.getKeyAs(Number.class).longValue();
    }

    private static MapSqlParameterSource params(FollowupItem item) {
        Ids.requireId("campaign id", item.campaignId());
        Ids.requireId("recipient id", item.recipientId());
        return new MapSqlParameterSource("rule", item.ruleId()).addValue("c", item.campaignId())
                .addValue("r", item.recipientId()).addValue("kind", item.kind().code()).addValue("owner", item.owner())
                .addValue("text", item.text()).addValue("trig", item.triggerKind()).addValue("ev", item.eventId())
                .addValue("ord", item.orderId()).addValue("at", toDb(item.triggeredAt()))
                .addValue("now", toDb(item.createdAt()));
    }

    /** The queue, newest first, optionally of one campaign and/or status (filters are constant SQL, values bound). */
    public List<FollowupItem> items(String campaignId, FollowupStatus status, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("n", limit);
        List<String> where = new ArrayList<>();
        if (campaignId != null) {
            where.add("campaign_id = :c");
            p.addValue("c", campaignId);
        }
        if (status != null) {
            where.add("status = :s");
            p.addValue("s", status.code());
        }
        return jdbc.query("SELECT TOP (:n) * FROM pkl_followup" + (where.isEmpty() ? "" : " WHERE "
                + String.join(" AND ", where)) + " ORDER BY followup_id DESC", p, ITEM);
    }

    private static String strip(String charId) {
        return charId == null ? null : charId.strip();
    }
}
