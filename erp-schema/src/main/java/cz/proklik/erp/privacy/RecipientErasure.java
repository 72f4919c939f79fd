package cz.proklik.erp.privacy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The right to erasure for one recipient (docs/privacy.md): everywhere Proklik stored the recipient's id it is
 * replaced by one random token, drawn once and kept nowhere, so the rows can no longer be tied to the person while
 * every campaign figure stays as it was (the token still tells one recipient's events apart from another's, so unique
 * counts, a rebuild included, come out the same). The e-mail address, bounce text, client addresses and user agents
 * of the recipient, and the notes of their responses, are cleared. One transaction.
 *
 * <p>The opt-outs stay, under the token, so unsubscribe counts do not change; whether the person may be mailed again
 * is the ERP's consent record's to say, which the erasure request reaches there. Not reached: click-log files not
 * imported yet (the next import stores their events under the old id: erase after an import run) and archived files
 * (deleted after {@code proklik.retention.files-days}).
 */
public final class RecipientErasure {
    /** Prefix of every erasure token; the rest is 24 random hex digits (ids are at most 64 characters). */
    public static final String TOKEN_PREFIX = "erased:";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public RecipientErasure(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    /** Erases {@code recipientId}; returns the rows changed per table (all zero for an id nothing is stored for). */
    public Map<String, Integer> forget(String recipientId) {
        Objects.requireNonNull(recipientId, "recipientId");
        String token = TOKEN_PREFIX + HexFormat.of().formatHex(randomBytes());
        return tx.execute(status -> {
            Map<String, Integer> changed = new LinkedHashMap<>();
            // pkl_event has no index led by recipient_id: this reads the table once, acceptable for a request that
            // comes a few times a year, and it catches events of every campaign, folded or not.
            changed.put("pkl_event", jdbc.update("""
                    UPDATE pkl_event SET recipient_id = ?, client_ip = NULL, user_agent = NULL, note = NULL
                    WHERE recipient_id = ?""", token, recipientId));
            changed.put("pkl_send", jdbc.update("""
                    UPDATE pkl_send SET recipient_id = ?, email = N'', error_text = NULL WHERE recipient_id = ?""",
                    token, recipientId));
            for (String table : new String[] {"pkl_unsubscribe", "pkl_agg_recipient", "pkl_agg_recipient_link",
                    "pkl_agg_click", "pkl_agg_response"}) {
                changed.put(table, jdbc.update("UPDATE " + table + " SET recipient_id = ? WHERE recipient_id = ?",
                        token, recipientId));
            }
            changed.put("pkl_send_message", jdbc.update(
                    "UPDATE pkl_send_message SET recipient_id = ? WHERE recipient_id = ?", token, recipientId));
            // The bounce's address stays with its verdict: it is what keeps a dead or complaining address from being
            // mailed again (docs/privacy.md); the diagnostic text, which can quote more, goes.
            changed.put("pkl_bounce", jdbc.update(
                    "UPDATE pkl_bounce SET recipient_id = ?, diagnostic = NULL WHERE recipient_id = ?",
                    token, recipientId));
            changed.put("pkl_agg_attribution", jdbc.update(
                    "UPDATE pkl_agg_attribution SET contact_id = ? WHERE contact_id = ?", token, recipientId));
            // The mailer's send state keeps the address and the relay's reply (which can quote it): both go, the state
            // and the Message-ID stay so the campaign's counts and the exactly-once record hold.
            changed.put("pkl_mail_delivery", jdbc.update(
                    "UPDATE pkl_mail_delivery SET recipient_id = ?, email = N'', smtp_reply = NULL WHERE recipient_id = ?",
                    token, recipientId));
            // Pre-signed links carry the id in their payload: they go (links mint makes them again if needed).
            changed.put("pkl_link_token", jdbc.update(
                    "DELETE FROM pkl_link_token WHERE recipient_id = ?", recipientId));
            // A follow-up item's text may quote the name and address the rule asked for: it goes with the id.
            changed.put("pkl_followup", jdbc.update(
                    "UPDATE pkl_followup SET recipient_id = ?, item_text = N'' WHERE recipient_id = ?",
                    token, recipientId));
            // A trigger's occurrence stays (the exactly-once record and the counts), under the token; its detail
            // (the cart, order or registration it was) goes.
            changed.put("pkl_trigger_occurrence", jdbc.update(
                    "UPDATE pkl_trigger_occurrence SET contact_id = ?, detail = NULL WHERE contact_id = ?",
                    token, recipientId));
            // An imported recipient list holds the address as it came in the file: the membership goes.
            changed.put("pkl_mail_list_member", jdbc.update(
                    "DELETE FROM pkl_mail_list_member WHERE contact_id = ?", recipientId));
            return changed;
        });
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
