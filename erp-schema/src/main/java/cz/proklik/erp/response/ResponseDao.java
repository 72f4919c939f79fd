package cz.proklik.erp.response;

import cz.proklik.erp.db.Engine;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;

/**
 * Responses tracked outside Proklik (schema 8.0): raw events of type {@value #EVENT_TYPE} in {@code pkl_event},
 * written through {@link RawEventDao} (the one idempotent event insert of both engines), their kind and note, and the
 * per-recipient counts of {@code pkl_agg_response}; read back through the {@code pkl_eval_*response} views.
 */
public class ResponseDao {
    /** The event type code of a response (docs/schema.md): what the follow-up rule "responds" reads. */
    public static final String EVENT_TYPE = "response";
    /** The method of an event that was imported, not requested over HTTP. */
    public static final String METHOD = "IMPORT";
    /** The node column of a response event: it came through no redirect node. */
    public static final String NODE = "responses";

    /** IN-list size for queries by recipient ids (SQL Server allows 2100 parameters). */
    private static final int KEYS_PER_QUERY = 400;

    private static final RowMapper<StoredResponse> STORED = (rs, i) -> new StoredResponse(
            rs.getString("campaign_id"), rs.getString("recipient_id"), rs.getString("event_id").strip(),
            ResponseKind.fromCode(rs.getString("response_kind")), fromDb(rs, "responded_at"), rs.getString("note"));

    private static final RowMapper<RecipientResponses> RECIPIENT = (rs, i) -> new RecipientResponses(
            rs.getString("campaign_id"), rs.getString("recipient_id"), rs.getInt("responses"), rs.getInt("replies"),
            rs.getInt("calls"), rs.getInt("visits"), rs.getInt("others"), fromDb(rs, "first_response_at"),
            fromDb(rs, "last_response_at"));

    private static final RowMapper<CampaignResponses> CAMPAIGN = (rs, i) -> new CampaignResponses(
            rs.getString("campaign_id"), rs.getLong("responses"), rs.getLong("responding_recipients"),
            rs.getLong("replies"), rs.getLong("calls"), rs.getLong("visits"), rs.getLong("others"),
            fromDb(rs, "last_response_at"));

    private final RawEventDao events;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final TransactionTemplate tx;

    public ResponseDao(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public ResponseDao(DataSource dataSource, Clock clock) {
        this.events = new RawEventDao(dataSource, Engine.of(dataSource), clock);
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /**
     * Stores the responses not stored yet (by their {@link Response#eventId()}) and recounts the recipients they
     * belong to, in one transaction. A response stored before is left as it is - its note too, which the retention
     * may have cleared since.
     */
    public RawEventDao.InsertResult record(List<Response> responses) {
        if (responses.isEmpty()) {
            return new RawEventDao.InsertResult(0, 0);
        }
        return tx.execute(status -> {
            List<RawEvent> rows = responses.stream().map(ResponseDao::event).toList();
            RawEventDao.InsertResult result = events.insertBatch(null, rows);
            // Only rows inserted just now have no kind yet (the insert is the shared one of every event type).
            jdbc.batchUpdate("""
                    UPDATE pkl_event SET response_kind = ?, note = ?
                    WHERE event_id = CAST(? AS CHAR(36)) AND event_type = 'response' AND response_kind IS NULL""",
                    responses.stream().map(r -> new Object[] {r.kind().code(), r.note(), r.eventId()}).toList());
            Map<String, Response> pairs = new LinkedHashMap<>();
            responses.forEach(r -> pairs.putIfAbsent(r.campaignId() + '\n' + r.recipientId(), r));
            pairs.values().forEach(r -> recount(r.campaignId(), r.recipientId()));
            return result;
        });
    }

    private static RawEvent event(Response r) {
        return new RawEvent(r.eventId(), r.respondedAt(), EVENT_TYPE, METHOD, r.campaignId(), r.recipientId(), null,
                null, null, null, null, null, null, NODE, null, null, EventFlags.NONE);
    }

    /** Sets one recipient's row of pkl_agg_response to what its response events say now. */
    private void recount(String campaignId, String recipientId) {
        Object[] counts = jdbc.queryForObject("""
                SELECT COUNT(*) AS responses,
                       SUM(CASE WHEN response_kind = 'reply' THEN 1 ELSE 0 END) AS replies,
                       SUM(CASE WHEN response_kind = 'call' THEN 1 ELSE 0 END) AS calls,
                       SUM(CASE WHEN response_kind = 'visit' THEN 1 ELSE 0 END) AS visits,
                       SUM(CASE WHEN response_kind = 'other' THEN 1 ELSE 0 END) AS others,
                       MIN(event_time) AS first_response_at, MAX(event_time) AS last_response_at
                FROM pkl_event WHERE campaign_id = ? AND recipient_id = ? AND event_type = 'response'""",
                (rs, i) -> new Object[] {rs.getInt("responses"), rs.getInt("replies"), rs.getInt("calls"),
                        rs.getInt("visits"), rs.getInt("others"), rs.getObject("first_response_at"),
                        rs.getObject("last_response_at")}, campaignId, recipientId);
        if ((int) counts[0] == 0) {
            // None stored under this id (erased since: the rows now carry the token), so no row to keep either.
            jdbc.update("DELETE FROM pkl_agg_response WHERE campaign_id = ? AND recipient_id = ?", campaignId,
                    recipientId);
            return;
        }
        // The hint holds the key (or the gap where it would be) to commit, so two imports of the same recipient
        // cannot both insert it (docs/schema.md, "WITH (UPDLOCK, HOLDLOCK) on every check-then-insert").
        int updated = jdbc.update("""
                UPDATE pkl_agg_response WITH (UPDLOCK, HOLDLOCK) SET responses = ?, replies = ?, calls = ?, visits = ?,
                       others = ?, first_response_at = ?, last_response_at = ?
                WHERE campaign_id = ? AND recipient_id = ?""", counts[0], counts[1], counts[2], counts[3], counts[4],
                counts[5], counts[6], campaignId, recipientId);
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO pkl_agg_response (responses, replies, calls, visits, others, first_response_at,
                                                  last_response_at, campaign_id, recipient_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", counts[0], counts[1], counts[2], counts[3], counts[4],
                    counts[5], counts[6], campaignId, recipientId);
        }
    }

    /** The responses of a campaign, newest first ({@code pkl_eval_response}); {@code limit} 0 = all. */
    public List<StoredResponse> latest(String campaignId, int limit) {
        return jdbc.query("""
                SELECT TOP (?) campaign_id, recipient_id, event_id, response_kind, responded_at, note
                FROM pkl_eval_response WHERE campaign_id = ? ORDER BY responded_at DESC, recipient_id, event_id""",
                STORED, limit > 0 ? limit : Integer.MAX_VALUE, campaignId);
    }

    /** One recipient's responses to a campaign, oldest first. */
    public List<StoredResponse> of(String campaignId, String recipientId) {
        return jdbc.query("""
                SELECT campaign_id, recipient_id, event_id, response_kind, responded_at, note
                FROM pkl_eval_response WHERE campaign_id = ? AND recipient_id = ? ORDER BY responded_at, event_id""",
                STORED, campaignId, recipientId);
    }

    /** The response counts of the given recipients of a campaign, by recipient id (absent = no response). */
    public Map<String, RecipientResponses> byRecipients(String campaignId, Collection<String> recipientIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(recipientIds));
        Map<String, RecipientResponses> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
            List<String> slice = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY));
            named.query("""
                    SELECT a.campaign_id, a.recipient_id, a.responses, a.replies, a.calls, a.visits, a.others,
                           a.first_response_at, a.last_response_at
                    FROM (VALUES :ids) AS v(recipient_id)
                    JOIN pkl_eval_recipient_response a ON a.campaign_id = :campaign AND a.recipient_id = v.recipient_id""",
                    new MapSqlParameterSource("campaign", campaignId).addValue("ids",
                            slice.stream().map(id -> new Object[] {id}).toList()), RECIPIENT)
                    .forEach(r -> rows.put(r.recipientId(), r));
        }
        return rows;
    }

    /** The responses of one registered campaign ({@code pkl_eval_campaign_response}); empty for an unknown id. */
    public Optional<CampaignResponses> campaign(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_eval_campaign_response WHERE campaign_id = ?", CAMPAIGN, campaignId)
                .stream().findFirst();
    }

    /** The responses of every registered campaign. */
    public List<CampaignResponses> campaigns() {
        return jdbc.query("SELECT * FROM pkl_eval_campaign_response ORDER BY campaign_id", CAMPAIGN);
    }

    /** One stored response; {@code note} is null when none came or the retention cleared it. */
    public record StoredResponse(String campaignId, String recipientId, String eventId, ResponseKind kind,
                                 Instant respondedAt, String note) {
    }

    /** One row of {@code pkl_eval_recipient_response}. */
    public record RecipientResponses(String campaignId, String recipientId, int responses, int replies, int calls,
                                     int visits, int others, Instant firstResponseAt, Instant lastResponseAt) {
    }

    /** One row of {@code pkl_eval_campaign_response}: responses apart from opens and clicks. */
    public record CampaignResponses(String campaignId, long responses, long respondingRecipients, long replies,
                                    long calls, long visits, long others, Instant lastResponseAt) {
        public static CampaignResponses none(String campaignId) {
            return new CampaignResponses(campaignId, 0, 0, 0, 0, 0, 0, null);
        }
    }
}
