package cz.proklik.erp.mailing.delivery;

import cz.proklik.erp.bounce.BounceMatchDao;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntSupplier;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The per-recipient state of a campaign send ({@code pkl_mail_delivery}), each step its own committed transaction
 * (docs/mailer-sending.md). A step names the state it expects ({@code WHERE state = ...}), so a row is never moved
 * from a state it has already left. The outcome of a hand-off commits together with its {@code pkl_send} row
 * (through {@link SendDao#upsert}, the same write the sends CSV import uses, so the evaluation views count it).
 */
public class DeliveryDao {
    /** Rows per batch when queueing or skipping (SQL Server allows 2100 parameters per statement). */
    private static final int BATCH = 500;
    private static final int REPLY_MAX = 1000;

    private static final RowMapper<Delivery> ROW = (rs, i) -> new Delivery(rs.getLong("delivery_id"),
            rs.getString("campaign_id"), rs.getString("recipient_id"), rs.getString("email"), rs.getString("variant"),
            DeliveryState.fromCode(rs.getString("state")), rs.getString("message_id"), rs.getInt("attempts"),
            fromDb(rs, "next_attempt_at"), rs.getString("smtp_reply"), fromDb(rs, "handed_over_at"),
            fromDb(rs, "finished_at"));

    /** A recipient to queue: contact id, address, variant (null without a split). */
    public record Recipient(String recipientId, String email, String variant) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SendDao sends;
    private final BounceMatchDao messageIds;
    private final Clock clock;

    public DeliveryDao(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.sends = new SendDao(dataSource, clock);
        this.messageIds = new BounceMatchDao(dataSource, clock);
        this.clock = clock;
    }

    /**
     * Queues the recipients that have no row yet (a resumed send adds who joined the list meanwhile), and marks
     * {@link DeliveryState#SKIPPED} the queued rows whose recipient is no longer in {@code recipients} (left the
     * list, unsubscribed, bounced meanwhile), with {@code skipReason}. Rows in any other state stay as they are.
     *
     * @return how many were queued and skipped
     */
    public int[] queue(String campaignId, Collection<Recipient> recipients, String skipReason) {
        Instant now = clock.instant();
        Set<String> known = new HashSet<>(jdbc.queryForList(
                "SELECT recipient_id FROM pkl_mail_delivery WHERE campaign_id = :c",
                new MapSqlParameterSource("c", campaignId), String.class));
        List<SqlParameterSource> fresh = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (Recipient r : recipients) {
            wanted.add(r.recipientId());
            if (known.add(r.recipientId())) {
                fresh.add(new MapSqlParameterSource("c", campaignId).addValue("r", r.recipientId())
                        .addValue("e", r.email()).addValue("v", r.variant()).addValue("now", toDb(now)));
            }
        }
        for (int from = 0; from < fresh.size(); from += BATCH) {
            List<SqlParameterSource> slice = fresh.subList(from, Math.min(fresh.size(), from + BATCH));
            tx.executeWithoutResult(s -> jdbc.batchUpdate("""
                    INSERT INTO pkl_mail_delivery (campaign_id, recipient_id, email, variant, state, attempts,
                                                   queued_at, updated_at)
                    VALUES (:c, :r, :e, :v, 'queued', 0, :now, :now)""", slice.toArray(SqlParameterSource[]::new)));
        }
        List<SqlParameterSource> gone = new ArrayList<>();
        for (String r : jdbc.queryForList("""
                SELECT recipient_id FROM pkl_mail_delivery WHERE campaign_id = :c AND state = 'queued'""",
                new MapSqlParameterSource("c", campaignId), String.class)) {
            if (!wanted.contains(r)) {
                gone.add(new MapSqlParameterSource("c", campaignId).addValue("r", r)
                        .addValue("reply", clip(skipReason)).addValue("now", toDb(now)));
            }
        }
        for (int from = 0; from < gone.size(); from += BATCH) {
            List<SqlParameterSource> slice = gone.subList(from, Math.min(gone.size(), from + BATCH));
            tx.executeWithoutResult(s -> jdbc.batchUpdate("""
                    UPDATE pkl_mail_delivery SET state = 'skipped', smtp_reply = :reply, finished_at = :now,
                           updated_at = :now
                    WHERE campaign_id = :c AND recipient_id = :r AND state = 'queued'""",
                    slice.toArray(SqlParameterSource[]::new)));
        }
        return new int[] {fresh.size(), gone.size()};
    }

    /**
     * The delivery of one trigger occurrence (schema 19.0, docs/triggers.md): queued, or skipped at once with
     * {@code skipReasonOrNull} (the contact is suppressed), so the reason stays visible. A trigger's campaign may
     * mail a contact again for a new occurrence; the unique key (campaign, recipient, occurrence) keeps each once.
     * Runs in the caller's transaction when there is one (the occurrence is recorded in the same one).
     *
     * @return the delivery id
     * @throws DuplicateKeyException when this occurrence already has a delivery
     */
    public long queueOccurrence(String campaignId, String recipientId, String email, String occurrenceKey,
                                String skipReasonOrNull) {
        Instant now = clock.instant();
        MapSqlParameterSource p = new MapSqlParameterSource("c", campaignId).addValue("r", recipientId)
                .addValue("e", email == null ? "" : email).addValue("k", occurrenceKey)
                .addValue("state", skipReasonOrNull == null ? DeliveryState.QUEUED.code() : DeliveryState.SKIPPED.code())
                .addValue("reply", clip(skipReasonOrNull)).addValue("fin", skipReasonOrNull == null ? null : toDb(now))
                .addValue("now", toDb(now));
        jdbc.update("""
                INSERT INTO pkl_mail_delivery (campaign_id, recipient_id, occurrence_key, email, state, attempts,
                                               smtp_reply, queued_at, finished_at, updated_at)
                VALUES (:c, :r, :k, :e, :state, 0, :reply, :now, :fin, :now)""", p);
        Long id = jdbc.queryForObject("""
                SELECT delivery_id FROM pkl_mail_delivery
                WHERE campaign_id = :c AND recipient_id = :r AND occurrence_key = :k""", p, Long.class);
        return id == null ? 0 : id;
    }

    /**
     * At the start of a send: every row still handing over was caught by a crash (or a kill) of the previous
     * sender. Its message may or may not have reached the relay, so it becomes in doubt and is never resent on its
     * own.
     *
     * @return how many rows became in doubt
     */
    public int markInterruptedInDoubt(String campaignId) {
        Instant now = clock.instant();
        return jdbc.update("""
                UPDATE pkl_mail_delivery SET state = 'in_doubt', finished_at = :now, updated_at = :now,
                       smtp_reply = 'the sender stopped while handing this message over; it may have been delivered'
                WHERE campaign_id = :c AND state = 'handing_over'""",
                new MapSqlParameterSource("c", campaignId).addValue("now", toDb(now)));
    }

    /**
     * Queued rows due at {@code now}, after {@code afterId}, in id order. Ordered by all the columns of
     * ix_pkl_mail_delivery_state (the first two are fixed by the WHERE, so it is id order): H2 then reads the page
     * from the index and stops; ordered by the id alone it read and sorted every queued row after {@code afterId}
     * for each page (scanCount 15,002 for a page of 500 in the middle of 30,000), which grows with the square of a
     * campaign's size.
     */
    public List<Delivery> due(String campaignId, long afterId, Instant now, int limit) {
        return jdbc.query("""
                SELECT * FROM pkl_mail_delivery
                WHERE campaign_id = :c AND state = 'queued' AND delivery_id > :after
                  AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                ORDER BY campaign_id, state, delivery_id OFFSET 0 ROWS FETCH NEXT :n ROWS ONLY""",
                new MapSqlParameterSource("c", campaignId).addValue("after", afterId).addValue("now", toDb(now))
                        .addValue("n", limit), ROW);
    }

    /** When the earliest queued row becomes due (empty when nothing is queued). */
    public Optional<Instant> nextDue(String campaignId) {
        List<Instant> at = jdbc.query("""
                SELECT MIN(COALESCE(next_attempt_at, queued_at)) AS due FROM pkl_mail_delivery
                WHERE campaign_id = :c AND state = 'queued'""", new MapSqlParameterSource("c", campaignId),
                (rs, i) -> fromDb(rs, "due"));
        return at.isEmpty() ? Optional.empty() : Optional.ofNullable(at.get(0));
    }

    /**
     * Commits the row as handing over, with its Message-ID (registered for bounce matching in the same
     * transaction when it is new), just before the SMTP hand-off.
     *
     * @return false when the row was no longer queued (nothing changed: do not hand it over)
     */
    public boolean claim(Delivery d, String messageId) {
        Instant now = clock.instant();
        return Boolean.TRUE.equals(tx.execute(s -> {
            int n = jdbc.update("""
                    UPDATE pkl_mail_delivery SET state = 'handing_over', message_id = :m, attempts = attempts + 1,
                           handed_over_at = :now, updated_at = :now
                    WHERE delivery_id = :id AND state = 'queued'""",
                    new MapSqlParameterSource("id", d.id()).addValue("m", messageId).addValue("now", toDb(now)));
            if (n == 0) {
                return false;
            }
            if (!messageId.equals(d.messageId())) {
                // A retry or an explicit resend keeps the Message-ID registered at the first hand-off.
                messageIds.registerMessageId(messageId, d.campaignId(), d.recipientId());
            }
            return true;
        }));
    }

    /** The relay accepted the message: the reply is kept and the send counted ({@code pkl_send} status sent). */
    public void accepted(Delivery d, String reply) {
        Instant now = clock.instant();
        outcome(d, DeliveryState.ACCEPTED, reply, countedSend(d, DeliveryState.ACCEPTED, reply, now), now);
    }

    /** A permanent reply (or the retry limit): kept, and counted as an error ({@code pkl_send} status failed). */
    public void failed(Delivery d, String reply) {
        Instant now = clock.instant();
        outcome(d, DeliveryState.FAILED, reply, countedSend(d, DeliveryState.FAILED, reply, now), now);
    }

    /** The pkl_send row an accepted or failed hand-off counts: sent, or an error with the reply. */
    private static Send countedSend(Delivery d, DeliveryState state, String reply, Instant at) {
        return state == DeliveryState.ACCEPTED
                ? Send.sent(d.campaignId(), d.recipientId(), d.email(), d.variant(), at)
                : new Send(d.campaignId(), d.recipientId(), d.email(), d.variant(), at, SendStatus.FAILED, clip(reply),
                        null, null);
    }

    /**
     * The row's outcome and its pkl_send row in one transaction. Two connections finishing the first sends of a
     * campaign at once may both try to create its pkl_agg_send row (H2 does not hold the key as SQL Server's
     * UPDLOCK, HOLDLOCK does): the loser's transaction rolls back whole and is run again, finding the row.
     */
    private void outcome(Delivery d, DeliveryState state, String reply, Send send, Instant now) {
        retryingCampaignRowRace(() -> {
            if (finish(d, state, reply, now)) {
                sends.upsert(List.of(send));
            }
            return 0;
        });
    }

    /** Runs the work in one transaction, again (up to three times) when it lost the race described at outcome. */
    private int retryingCampaignRowRace(IntSupplier work) {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer n = tx.execute(s -> work.getAsInt());
                return n == null ? 0 : n;
            } catch (DuplicateKeyException race) {
                if (attempt == 3) {
                    throw race;
                }
            }
        }
    }

    /**
     * Where one hand-off left a row, written later and in batches ({@link #record}): the sender journals each step
     * first (its hand-off journal, docs/mailer-sending.md), so the database need not have it durable at once.
     *
     * @param delivery          the row as read before the hand-off (campaign, recipient, address, variant)
     * @param state             accepted, failed, in doubt, or queued again (a temporary reply, or not handed over)
     * @param messageId         the Message-ID the hand-off used
     * @param attempts          hand-offs so far, this one included (a step that was not handed over: without it)
     * @param handedOverAt      the last hand-off, null when there was none
     * @param nextAttemptAt     when a queued row is due again, null: at once
     * @param reply             the relay's reply or the reason
     * @param at                when the step happened (finished_at of a final state)
     * @param registerMessageId whether the Message-ID still has to be registered for bounce matching (a step
     *                          replayed from a journal whose claim the database lost)
     */
    public record Step(Delivery delivery, DeliveryState state, String messageId, int attempts, Instant handedOverAt,
                       Instant nextAttemptAt, String reply, Instant at, boolean registerMessageId) {
        public Step {
            if (state == DeliveryState.HANDING_OVER || state == DeliveryState.SKIPPED) {
                throw new IllegalArgumentException("a recorded step ends a hand-off: " + state);
            }
        }
    }

    /**
     * Writes the steps in one transaction, each only onto a row still queued or handing over (a row already
     * finished stays as it is), together with the pkl_send rows of the accepted and failed ones. The transaction
     * is run again when another writer created the campaign's pkl_agg_send row meanwhile ({@link #outcome}).
     *
     * @return how many rows changed
     */
    public int record(List<Step> steps) {
        if (steps.isEmpty()) {
            return 0;
        }
        return retryingCampaignRowRace(() -> recordInTransaction(steps));
    }

    private int recordInTransaction(List<Step> steps) {
        Instant now = clock.instant();
        SqlParameterSource[] params = new SqlParameterSource[steps.size()];
        for (int i = 0; i < params.length; i++) {
            Step st = steps.get(i);
            boolean finished = st.state() != DeliveryState.QUEUED;
            params[i] = new MapSqlParameterSource("id", st.delivery().id()).addValue("state", st.state().code())
                    .addValue("m", st.messageId()).addValue("attempts", st.attempts())
                    .addValue("ho", toDb(st.handedOverAt())).addValue("next", toDb(st.nextAttemptAt()))
                    .addValue("reply", clip(st.reply())).addValue("fin", finished ? toDb(st.at()) : null)
                    .addValue("now", toDb(now));
        }
        int[] changed = jdbc.batchUpdate("""
                UPDATE pkl_mail_delivery SET state = :state, message_id = :m, attempts = :attempts,
                       handed_over_at = :ho, next_attempt_at = :next, smtp_reply = :reply, finished_at = :fin,
                       updated_at = :now
                WHERE delivery_id = :id AND state IN ('queued', 'handing_over')""", params);
        List<Send> counted = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] != 1) {
                continue;
            }
            n++;
            Step st = steps.get(i);
            Delivery d = st.delivery();
            if (st.registerMessageId() && st.messageId() != null) {
                messageIds.registerMessageId(st.messageId(), d.campaignId(), d.recipientId());
            }
            if (st.state() == DeliveryState.ACCEPTED || st.state() == DeliveryState.FAILED) {
                counted.add(countedSend(d, st.state(), st.reply(), st.at()));
            }
        }
        sends.upsert(counted);
        return n;
    }

    /** The campaign's rows with these ids (those that exist), in id order. */
    public List<Delivery> byIds(String campaignId, Collection<Long> ids) {
        List<Long> all = new ArrayList<>(ids);
        List<Delivery> rows = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            rows.addAll(jdbc.query("""
                    SELECT * FROM pkl_mail_delivery WHERE campaign_id = :c AND delivery_id IN (:ids)
                    ORDER BY delivery_id""", new MapSqlParameterSource("c", campaignId)
                    .addValue("ids", all.subList(from, Math.min(all.size(), from + BATCH))), ROW));
        }
        return rows;
    }

    /** A temporary reply: queued again, due at {@code retryAt}, the reply kept. */
    public void deferred(Delivery d, String reply, Instant retryAt) {
        jdbc.update("""
                UPDATE pkl_mail_delivery SET state = 'queued', next_attempt_at = :at, smtp_reply = :reply,
                       updated_at = :now
                WHERE delivery_id = :id AND state = 'handing_over'""", new MapSqlParameterSource("id", d.id())
                .addValue("at", toDb(retryAt)).addValue("reply", clip(reply)).addValue("now", toDb(clock.instant())));
    }

    /** The reply text of a row set aside by a domain's hourly cap; {@link #capWaits} groups by it. */
    static final String CAP_WAIT = "waiting for the hourly cap of ";

    /**
     * The per-domain hourly cap holds this queued row's domain (or provider group {@code capKey}): it stays queued,
     * due at {@code until}, not counted as an attempt, and {@code campaign status} shows it among the waiting.
     */
    public void postponeForCap(Delivery d, String capKey, Instant until) {
        jdbc.update("""
                UPDATE pkl_mail_delivery SET next_attempt_at = :at, smtp_reply = :reply, updated_at = :now
                WHERE delivery_id = :id AND state = 'queued'""", new MapSqlParameterSource("id", d.id())
                .addValue("at", toDb(until)).addValue("reply", clip(CAP_WAIT + capKey))
                .addValue("now", toDb(clock.instant())));
    }

    /** Queued rows a domain's cap set aside, per domain (or provider group): how many, due from when to when. */
    public record CapWait(String capKey, long waiting, Instant firstDue, Instant lastDue) {
    }

    /** The rows still waiting at {@code now} for a domain's cap, the domain with the most first. */
    public List<CapWait> capWaits(String campaignId, Instant now) {
        return jdbc.query("""
                SELECT smtp_reply, COUNT(*) AS n, MIN(next_attempt_at) AS first_due, MAX(next_attempt_at) AS last_due
                FROM pkl_mail_delivery
                WHERE campaign_id = :c AND state = 'queued' AND next_attempt_at > :now AND smtp_reply LIKE :prefix
                GROUP BY smtp_reply ORDER BY COUNT(*) DESC, smtp_reply""",
                new MapSqlParameterSource("c", campaignId).addValue("now", toDb(now))
                        .addValue("prefix", CAP_WAIT + "%"),
                (rs, i) -> new CapWait(rs.getString("smtp_reply").substring(CAP_WAIT.length()), rs.getLong("n"),
                        fromDb(rs, "first_due"), fromDb(rs, "last_due")));
    }

    /** The connection broke while the message was handed over: its fate is unknown. */
    public void inDoubt(Delivery d, String reason) {
        Instant now = clock.instant();
        finish(d, DeliveryState.IN_DOUBT, reason, now);
    }

    /** A queued row that is not mailed after all (its contact left the ERP), with the reason. */
    public void skip(Delivery d, String reason) {
        Instant now = clock.instant();
        jdbc.update("""
                UPDATE pkl_mail_delivery SET state = 'skipped', smtp_reply = :reply, finished_at = :now,
                       updated_at = :now
                WHERE delivery_id = :id AND state = 'queued'""", new MapSqlParameterSource("id", d.id())
                .addValue("reply", clip(reason)).addValue("now", toDb(now)));
    }

    /** A claimed row that was not handed over after all (the send stopped first): queued again as it was. */
    public void release(Delivery d) {
        jdbc.update("""
                UPDATE pkl_mail_delivery SET state = 'queued', attempts = attempts - 1, updated_at = :now
                WHERE delivery_id = :id AND state = 'handing_over'""",
                new MapSqlParameterSource("id", d.id()).addValue("now", toDb(clock.instant())));
    }

    private boolean finish(Delivery d, DeliveryState state, String reply, Instant now) {
        return jdbc.update("""
                UPDATE pkl_mail_delivery SET state = :state, smtp_reply = :reply, finished_at = :now,
                       next_attempt_at = NULL, updated_at = :now
                WHERE delivery_id = :id AND state = 'handing_over'""", new MapSqlParameterSource("id", d.id())
                .addValue("state", state.code()).addValue("reply", clip(reply)).addValue("now", toDb(now))) == 1;
    }

    /**
     * The explicit resend: the in-doubt rows (all, or one recipient's) are queued again, keeping their Message-ID.
     *
     * @return how many were queued
     */
    public int requeueInDoubt(String campaignId, String recipientIdOrNull) {
        MapSqlParameterSource p = new MapSqlParameterSource("c", campaignId).addValue("r", recipientIdOrNull)
                .addValue("now", toDb(clock.instant()));
        return recipientIdOrNull == null ? jdbc.update(REQUEUE_IN_DOUBT, p)
                : jdbc.update(REQUEUE_IN_DOUBT + " AND recipient_id = :r", p);
    }

    private static final String REQUEUE_IN_DOUBT = """
            UPDATE pkl_mail_delivery SET state = 'queued', next_attempt_at = NULL, finished_at = NULL,
                   smtp_reply = 'resend of an in-doubt message asked for', updated_at = :now
            WHERE campaign_id = :c AND state = 'in_doubt'""";

    /** A past hand-over: the address and when (for the pacing to replay after a restart). */
    public record HandedOver(String email, Instant at) {
    }

    /** The last hand-over of every row handed over since {@code since}, oldest first. */
    public List<HandedOver> handedOverSince(String campaignId, Instant since) {
        return jdbc.query("""
                SELECT email, handed_over_at FROM pkl_mail_delivery
                WHERE campaign_id = :c AND handed_over_at >= :since ORDER BY handed_over_at""",
                new MapSqlParameterSource("c", campaignId).addValue("since", toDb(since)),
                (rs, i) -> new HandedOver(rs.getString("email"), fromDb(rs, "handed_over_at")));
    }

    /** Rows per state (every state present, 0 when none). */
    public Map<DeliveryState, Long> counts(String campaignId) {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT state, COUNT(*) AS n FROM pkl_mail_delivery WHERE campaign_id = :c GROUP BY state",
                new MapSqlParameterSource("c", campaignId),
                rs -> {
                    counts.put(DeliveryState.fromCode(rs.getString("state")), rs.getLong("n"));
                });
        return counts;
    }

    /** Accepted or failed since {@code since}: the recent hand-off rate. */
    public long finishedSince(String campaignId, Instant since) {
        Long n = jdbc.queryForObject("""
                SELECT COUNT(*) FROM pkl_mail_delivery
                WHERE campaign_id = :c AND state IN ('accepted', 'failed') AND finished_at >= :since""",
                new MapSqlParameterSource("c", campaignId).addValue("since", toDb(since)), Long.class);
        return n == null ? 0 : n;
    }

    public List<Delivery> inState(String campaignId, DeliveryState state) {
        return jdbc.query("""
                SELECT * FROM pkl_mail_delivery WHERE campaign_id = :c AND state = :s ORDER BY delivery_id""",
                new MapSqlParameterSource("c", campaignId).addValue("s", state.code()), ROW);
    }

    public Optional<Delivery> find(String campaignId, String recipientId) {
        return jdbc.query("SELECT * FROM pkl_mail_delivery WHERE campaign_id = :c AND recipient_id = :r",
                new MapSqlParameterSource("c", campaignId).addValue("r", recipientId), ROW).stream().findFirst();
    }

    public List<Delivery> byCampaign(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_mail_delivery WHERE campaign_id = :c ORDER BY delivery_id",
                new MapSqlParameterSource("c", campaignId), ROW);
    }

    private static String clip(String s) {
        return s == null || s.length() <= REPLY_MAX ? s : s.substring(0, REPLY_MAX);
    }
}
