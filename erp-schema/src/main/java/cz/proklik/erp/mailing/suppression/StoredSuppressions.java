package cz.proklik.erp.mailing.suppression;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static cz.proklik.erp.db.SqlTime.fromDb;

/**
 * The suppressions Proklik already records: an unsubscribe from any campaign ({@code pkl_unsubscribe}: marketing
 * consent is withdrawn, not per campaign) and a hard bounce of any send ({@code pkl_send.bounce_kind = 'hard'}).
 */
public class StoredSuppressions implements SuppressionSource {
    private static final int SLICE = 500;
    private final NamedParameterJdbcTemplate jdbc;

    public StoredSuppressions(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    @Override
    public List<Suppression> suppressed(Collection<Recipient> recipients) {
        List<String> ids = recipients.stream().map(Recipient::contactId).distinct().toList();
        List<Suppression> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += SLICE) {
            MapSqlParameterSource p = new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + SLICE)));
            jdbc.query("""
                    SELECT recipient_id, MIN(unsubscribed_at) AS first_at, MIN(campaign_id) AS campaign_id
                    FROM pkl_unsubscribe WHERE recipient_id IN (:ids) GROUP BY recipient_id""", p, rs -> {
                out.add(new Suppression(rs.getString("recipient_id"), SuppressionReason.UNSUBSCRIBED,
                        "campaign " + rs.getString("campaign_id"), fromDb(rs, "first_at")));
            });
            jdbc.query("""
                    SELECT recipient_id, MIN(bounced_at) AS first_at, MIN(campaign_id) AS campaign_id
                    FROM pkl_send WHERE recipient_id IN (:ids) AND status = 'bounced' AND bounce_kind = 'hard'
                    GROUP BY recipient_id""", p, rs -> {
                out.add(new Suppression(rs.getString("recipient_id"), SuppressionReason.HARD_BOUNCED,
                        "campaign " + rs.getString("campaign_id"), fromDb(rs, "first_at")));
            });
        }
        return out;
    }
}
