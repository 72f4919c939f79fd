package cz.proklik.erp.send;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/**
 * Reads the ERP mailing module's sends through the adapter view {@code pkl_erp_send} (schema 8.1): a campaign's
 * rows changed after a point, in pages ordered by (changed_at, recipient_id), so a refresh reads what changed since
 * the last one and never the whole view.
 */
public class ErpSendDao {
    private final JdbcTemplate jdbc;

    public ErpSendDao(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** One row of the view, as the ERP gives it (nothing checked yet). */
    public record ErpSend(String campaignId, String recipientId, String email, Instant sentAt, String status,
                          String errorText, Instant changedAt) {
    }

    private static final RowMapper<ErpSend> ROW = (rs, i) -> new ErpSend(rs.getString("campaign_id"),
            rs.getString("recipient_id"), rs.getString("email"), fromDb(rs, "sent_at"), rs.getString("status"),
            rs.getString("error_text"), fromDb(rs, "changed_at"));

    /**
     * At most {@code limit} rows of the campaign changed after {@code changedAt} (strictly: a refresh reads every row
     * up to its point before it stores it), in (changed_at, recipient_id) order; a row with no changed_at is never
     * read (the view must give one).
     */
    public List<ErpSend> changedAfter(String campaignId, Instant changedAt, int limit) {
        return jdbc.query("""
                SELECT TOP (?) campaign_id, recipient_id, email, sent_at, status, error_text, changed_at
                FROM pkl_erp_send
                WHERE campaign_id = ? AND changed_at > ?
                ORDER BY changed_at, recipient_id""", ROW, limit, campaignId, toDb(changedAt));
    }

    /** The next page after the row ({@code changedAt}, {@code recipientId}) in (changed_at, recipient_id) order. */
    public List<ErpSend> changedAfter(String campaignId, Instant changedAt, String recipientId, int limit) {
        return jdbc.query("""
                SELECT TOP (?) campaign_id, recipient_id, email, sent_at, status, error_text, changed_at
                FROM pkl_erp_send
                WHERE campaign_id = ? AND (changed_at > ? OR (changed_at = ? AND recipient_id > ?))
                ORDER BY changed_at, recipient_id""", ROW, limit, campaignId, toDb(changedAt), toDb(changedAt),
                recipientId);
    }
}
