package cz.proklik.erp.bounce;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;

/** The bounce and list-health evaluation views (schema 4.1 overall, 17.0 per mailer list; docs/bounces.md). */
public class BounceKpiDao {
    private final NamedParameterJdbcTemplate jdbc;

    public BounceKpiDao(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    public record BounceReason(String campaignId, String kind, String reason, int recipients) {
    }

    public record Complaints(String campaignId, int sent, int bounced, int delivered, int complaints,
                             BigDecimal complaintRate, int blocked, int autoReplies) {
    }

    public record ListHealthMonth(LocalDate monthStart, int newAddresses, int unsubscribes, int hardBounces,
                                  int complaints, int churn) {
    }

    public record Inactive(Instant asOf, int addresses, int eligible90, int inactive90, BigDecimal share90,
                           int eligible180, int inactive180, BigDecimal share180) {
    }

    /**
     * One mailer list's health (or, with a null {@code listId}, all addresses'): growth so far, churn, and the share
     * of the mailable addresses inactive for 90 / 180 days as of {@code asOf} (null: nothing sent yet).
     */
    public record ListHealth(String listId, String listName, int addresses, int unsubscribes, int hardBounces,
                             int complaints, int churn, BigDecimal churnRate, Instant asOf, int mailable,
                             int eligible90, int inactive90, BigDecimal share90, int eligible180, int inactive180,
                             BigDecimal share180) {
        public boolean overall() {
            return listId == null;
        }
    }

    public List<BounceReason> reasons(String campaignId) {
        return jdbc.query("""
                SELECT campaign_id, kind, reason, recipients FROM pkl_eval_campaign_bounce
                WHERE campaign_id = :c ORDER BY recipients DESC, kind, reason""",
                new MapSqlParameterSource("c", campaignId), (rs, i) -> new BounceReason(rs.getString("campaign_id"),
                        rs.getString("kind"), rs.getString("reason"), rs.getInt("recipients")));
    }

    public Optional<Complaints> complaints(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_eval_campaign_complaint WHERE campaign_id = :c",
                new MapSqlParameterSource("c", campaignId), (rs, i) -> new Complaints(rs.getString("campaign_id"),
                        rs.getInt("sent"), rs.getInt("bounced"), rs.getInt("delivered"), rs.getInt("complaints"),
                        rs.getBigDecimal("complaint_rate"), rs.getInt("blocked"), rs.getInt("auto_replies")))
                .stream().findFirst();
    }

    public List<ListHealthMonth> healthByMonth() {
        return jdbc.query("SELECT * FROM pkl_eval_list_health_month ORDER BY month_start",
                new MapSqlParameterSource(), (rs, i) -> new ListHealthMonth(
                        rs.getObject("month_start", LocalDate.class), rs.getInt("new_addresses"),
                        rs.getInt("unsubscribes"), rs.getInt("hard_bounces"), rs.getInt("complaints"),
                        rs.getInt("churn")));
    }

    public Optional<Inactive> inactive() {
        return jdbc.query("SELECT * FROM pkl_eval_list_inactive", new MapSqlParameterSource(),
                (rs, i) -> new Inactive(fromDb(rs, "as_of"), rs.getInt("addresses"), rs.getInt("eligible_90"),
                        rs.getInt("inactive_90"), rs.getBigDecimal("share_inactive_90"), rs.getInt("eligible_180"),
                        rs.getInt("inactive_180"), rs.getBigDecimal("share_inactive_180"))).stream().findFirst();
    }

    /** Every mailer list (by id), then the row of all addresses together. */
    public List<ListHealth> listHealth() {
        return jdbc.query("""
                SELECT * FROM pkl_eval_list_health
                ORDER BY CASE WHEN list_id IS NULL THEN 1 ELSE 0 END, list_id""", new MapSqlParameterSource(),
                (rs, i) -> new ListHealth(rs.getString("list_id"), rs.getString("list_name"), rs.getInt("addresses"),
                        rs.getInt("unsubscribes"), rs.getInt("hard_bounces"), rs.getInt("complaints"),
                        rs.getInt("churn"), rs.getBigDecimal("churn_rate"), fromDb(rs, "as_of"),
                        rs.getInt("mailable"), rs.getInt("eligible_90"), rs.getInt("inactive_90"),
                        rs.getBigDecimal("share_inactive_90"), rs.getInt("eligible_180"), rs.getInt("inactive_180"),
                        rs.getBigDecimal("share_inactive_180")));
    }

    /** Growth and churn of one mailer list per month, oldest first. */
    public List<ListHealthMonth> healthByMonth(String listId) {
        return jdbc.query("""
                SELECT * FROM pkl_eval_list_health_list_month WHERE list_id = :l ORDER BY month_start""",
                new MapSqlParameterSource("l", listId), (rs, i) -> new ListHealthMonth(
                        rs.getObject("month_start", LocalDate.class), rs.getInt("new_addresses"),
                        rs.getInt("unsubscribes"), rs.getInt("hard_bounces"), rs.getInt("complaints"),
                        rs.getInt("churn")));
    }

    /** The mailer list a campaign was sent to (its card); empty for a campaign the ERP or a CSV import sent. */
    public Optional<String> listOf(String campaignId) {
        return jdbc.queryForList("SELECT list_id FROM pkl_mail_campaign WHERE campaign_id = :c",
                new MapSqlParameterSource("c", campaignId), String.class).stream().findFirst();
    }
}
