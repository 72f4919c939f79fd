package cz.proklik.erp.mailing.delivery;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * The control row of a campaign send ({@code pkl_mail_send_control}): one process at a time holds the lease (its
 * heartbeat fresher than the lease time), so two senders never mark each other's messages in doubt or hand one
 * message over twice; {@code campaign pause} from any process sets the flag the sender polls with its heartbeat.
 */
public class SendControlDao {
    private static final RowMapper<SendControl> ROW = (rs, i) -> new SendControl(rs.getString("campaign_id"),
            rs.getBoolean("pause_requested"), rs.getString("pause_reason"), rs.getString("runner"),
            fromDb(rs, "heartbeat_at"), fromDb(rs, "started_at"), fromDb(rs, "ab_test_done_at"),
            rs.getString("ab_winner"), rs.getString("ab_winner_reason"));

    /** Who holds the lease, when {@link #acquire} could not take it. */
    public record Held(String runner, Instant heartbeatAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    public SendControlDao(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.clock = clock;
    }

    public Optional<SendControl> find(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_mail_send_control WHERE campaign_id = :c",
                new MapSqlParameterSource("c", campaignId), ROW).stream().findFirst();
    }

    /**
     * Takes the lease for {@code runner} unless another runner's heartbeat is younger than {@code lease}; a pause
     * asked for earlier is cleared (starting again is the answer to it).
     *
     * @return empty when taken, else who holds it
     */
    public Optional<Held> acquire(String campaignId, String runner, Duration lease) {
        Instant now = clock.instant();
        return tx.execute(s -> {
            // Locked to commit, so two starting senders cannot both see the lease free.
            Optional<SendControl> row = jdbc.query(
                    "SELECT * FROM pkl_mail_send_control WITH (UPDLOCK, HOLDLOCK) WHERE campaign_id = :c",
                    new MapSqlParameterSource("c", campaignId), ROW).stream().findFirst();
            MapSqlParameterSource p = new MapSqlParameterSource("c", campaignId).addValue("runner", runner)
                    .addValue("now", toDb(now));
            if (row.isEmpty()) {
                jdbc.update("""
                        INSERT INTO pkl_mail_send_control (campaign_id, pause_requested, runner, heartbeat_at,
                                                           started_at, updated_at)
                        VALUES (:c, 0, :runner, :now, :now, :now)""", p);
                return Optional.empty();
            }
            SendControl c = row.get();
            if (c.runner() != null && !c.runner().equals(runner) && c.heartbeatAt() != null
                    && c.heartbeatAt().isAfter(now.minus(lease))) {
                return Optional.of(new Held(c.runner(), c.heartbeatAt()));
            }
            jdbc.update("""
                    UPDATE pkl_mail_send_control SET runner = :runner, heartbeat_at = :now, started_at = :now,
                           pause_requested = 0, pause_reason = NULL, updated_at = :now
                    WHERE campaign_id = :c""", p);
            return Optional.empty();
        });
    }

    /**
     * The sender's heartbeat, which also reads the pause flag.
     *
     * @return the pause reason asked for, "" when none; empty when the lease is no longer this runner's
     */
    public Optional<String> heartbeat(String campaignId, String runner) {
        int n = jdbc.update("""
                UPDATE pkl_mail_send_control SET heartbeat_at = :now, updated_at = :now
                WHERE campaign_id = :c AND runner = :runner""",
                new MapSqlParameterSource("c", campaignId).addValue("runner", runner)
                        .addValue("now", toDb(clock.instant())));
        if (n == 0) {
            return Optional.empty();
        }
        SendControl c = find(campaignId).orElseThrow();
        return Optional.of(c.pauseRequested() ? (c.pauseReason() == null ? "paused" : c.pauseReason()) : "");
    }

    /** Asks the sender of the campaign to pause, with the reason status shows. */
    public void requestPause(String campaignId, String reason) {
        Instant now = clock.instant();
        String clipped = clip(reason);
        tx.executeWithoutResult(s -> {
            MapSqlParameterSource p = new MapSqlParameterSource("c", campaignId).addValue("reason", clipped)
                    .addValue("now", toDb(now));
            int n = jdbc.update("""
                    UPDATE pkl_mail_send_control SET pause_requested = 1, pause_reason = :reason, updated_at = :now
                    WHERE campaign_id = :c""", p);
            if (n == 0) {
                jdbc.update("""
                        INSERT INTO pkl_mail_send_control (campaign_id, pause_requested, pause_reason, updated_at)
                        VALUES (:c, 1, :reason, :now)""", p);
            }
        });
    }

    /** The A/B test group is sent: the first time is kept (a resume does not move the decision). */
    public void abTestDone(String campaignId, Instant at) {
        jdbc.update("""
                UPDATE pkl_mail_send_control SET ab_test_done_at = :at, updated_at = :now
                WHERE campaign_id = :c AND ab_test_done_at IS NULL""", new MapSqlParameterSource("c", campaignId)
                .addValue("at", toDb(at)).addValue("now", toDb(clock.instant())));
    }

    /** The winner of the A/B test phase and the rule's reason; once chosen it stays. */
    /** pause_reason and ab_winner_reason hold 400 characters; a longer reason (an exception's text) is cut. */
    private static String clip(String s) {
        return s == null || s.length() <= 400 ? s : s.substring(0, 397) + "...";
    }

    public void abWinner(String campaignId, String variant, String reason) {
        jdbc.update("""
                UPDATE pkl_mail_send_control SET ab_winner = :v, ab_winner_reason = :reason, updated_at = :now
                WHERE campaign_id = :c AND ab_winner IS NULL""", new MapSqlParameterSource("c", campaignId)
                .addValue("v", variant).addValue("reason", clip(reason)).addValue("now", toDb(clock.instant())));
    }

    /** The sender stops: the lease is given up, and the reason of the pause (null when the send finished) kept. */
    public void release(String campaignId, String runner, String pauseReason) {
        jdbc.update("""
                UPDATE pkl_mail_send_control SET runner = NULL, heartbeat_at = NULL, pause_requested = 0,
                       pause_reason = :reason, updated_at = :now
                WHERE campaign_id = :c AND runner = :runner""",
                new MapSqlParameterSource("c", campaignId).addValue("runner", runner).addValue("reason", clip(pauseReason))
                        .addValue("now", toDb(clock.instant())));
    }
}
