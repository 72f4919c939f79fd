package cz.proklik.erp.bounce;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Finds the send of a returned message (docs/bounce-matching.md): by the send id a signed Return-Path carries, by
 * the Message-ID the mailer registered, by campaign and recipient (a signed tracking link in the returned copy), or
 * by the address alone (the latest send to it up to the bounce).
 */
public class BounceMatchDao {
    private static final String COLUMNS = "send_id, campaign_id, recipient_id, email";
    private static final RowMapper<SendRef> REF = (rs, i) -> new SendRef(rs.getLong("send_id"),
            rs.getString("campaign_id"), rs.getString("recipient_id"), rs.getString("email"));

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public BounceMatchDao(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public BounceMatchDao(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    public Optional<SendRef> bySendId(long sendId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pkl_send WHERE send_id = :id",
                new MapSqlParameterSource("id", sendId), REF).stream().findFirst();
    }

    /** The send of a mailer delivery (a version 2 Return-Path): there is one once the relay accepted it. */
    public Optional<SendRef> byDeliveryId(long deliveryId) {
        return jdbc.query("""
                SELECT s.send_id, s.campaign_id, s.recipient_id, s.email
                FROM pkl_mail_delivery d
                JOIN pkl_send s ON s.campaign_id = d.campaign_id AND s.recipient_id = d.recipient_id
                WHERE d.delivery_id = :id""", new MapSqlParameterSource("id", deliveryId), REF).stream().findFirst();
    }

    public Optional<SendRef> byCampaignRecipient(String campaignId, String recipientId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pkl_send WHERE campaign_id = :c AND recipient_id = :r",
                new MapSqlParameterSource("c", campaignId).addValue("r", recipientId), REF).stream().findFirst();
    }

    public Optional<SendRef> byMessageId(String messageId) {
        return jdbc.query("""
                SELECT s.send_id, s.campaign_id, s.recipient_id, s.email
                FROM pkl_send_message m
                JOIN pkl_send s ON s.campaign_id = m.campaign_id AND s.recipient_id = m.recipient_id
                WHERE m.message_id = :m""", new MapSqlParameterSource("m", messageId), REF).stream().findFirst();
    }

    /** The latest send to {@code address} (as written, or in lower case) sent at or before {@code notAfter}. */
    public Optional<SendRef> latestByAddress(String address, Instant notAfter) {
        return jdbc.query("SELECT TOP (1) " + COLUMNS + """
                 FROM pkl_send
                WHERE email IN (:a, :lower) AND (sent_at IS NULL OR sent_at <= :t)
                ORDER BY sent_at DESC, send_id DESC""",
                new MapSqlParameterSource("a", address).addValue("lower", address.toLowerCase(Locale.ROOT))
                        .addValue("t", toDb(notAfter)), REF).stream().findFirst();
    }

    /**
     * Records the Message-ID the mailer gave a send (without angle brackets). Registering the same id for the same
     * send again changes nothing.
     *
     * @throws IllegalStateException when the id is already another send's
     */
    public void registerMessageId(String messageId, String campaignId, String recipientId) {
        try {
            jdbc.update("""
                    INSERT INTO pkl_send_message (message_id, campaign_id, recipient_id, created_at)
                    VALUES (:m, :c, :r, :now)""", new MapSqlParameterSource("m", messageId).addValue("c", campaignId)
                    .addValue("r", recipientId).addValue("now", toDb(clock.instant())));
        } catch (DuplicateKeyException e) {
            // Read from pkl_send_message itself: the mailer registers before the pkl_send row exists.
            Integer same = jdbc.queryForObject("""
                    SELECT COUNT(*) FROM pkl_send_message WHERE message_id = :m AND campaign_id = :c
                       AND recipient_id = :r""", new MapSqlParameterSource("m", messageId).addValue("c", campaignId)
                    .addValue("r", recipientId), Integer.class);
            if (same == null || same == 0) {
                throw new IllegalStateException("Message-ID already registered for another send", e);
            }
        }
    }
}
