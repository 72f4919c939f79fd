package cz.proklik.erp.campaign;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static cz.proklik.erp.db.SqlTime.fromDb;
import static cz.proklik.erp.db.SqlTime.toDb;

/** Each campaign's refresh state ({@code pkl_campaign_refresh}, schema 8.1): when, why, how far its sends are read. */
public class CampaignRefreshDao {

    /** Why a campaign was refreshed. */
    public enum Reason {
        /** Due by the refresh curve ({@code import}, {@code import --every auto}). */
        SCHEDULE,
        /** {@code import --campaign ID}. */
        CAMPAIGN,
        /** {@code import --all}. */
        ALL;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The state of one campaign; {@code sendsChangedUpto} null = no ERP send read yet. */
    public record RefreshState(String campaignId, Instant refreshedAt, String reason, Instant sendsChangedUpto,
                               int sendsRead, int sendsRefused) {
    }

    private static final RowMapper<RefreshState> STATE = (rs, i) -> new RefreshState(rs.getString("campaign_id"),
            fromDb(rs, "refreshed_at"), rs.getString("refresh_reason"), fromDb(rs, "sends_changed_upto"),
            rs.getInt("sends_read"), rs.getInt("sends_refused"));

    private final JdbcTemplate jdbc;

    public CampaignRefreshDao(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Optional<RefreshState> find(String campaignId) {
        return jdbc.query("SELECT * FROM pkl_campaign_refresh WHERE campaign_id = ?", STATE, campaignId).stream()
                .findFirst();
    }

    /** Every campaign refreshed at least once, by id. */
    public Map<String, RefreshState> all() {
        Map<String, RefreshState> states = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM pkl_campaign_refresh ORDER BY campaign_id", STATE)
                .forEach(s -> states.put(s.campaignId(), s));
        return states;
    }

    /**
     * Writes the state (in the caller's transaction when there is one, so a page of sends and the point read up to
     * commit together). The hint holds the key to commit, so two refreshes cannot both insert it.
     */
    public void save(RefreshState s) {
        int updated = jdbc.update("""
                UPDATE pkl_campaign_refresh WITH (UPDLOCK, HOLDLOCK) SET refreshed_at = ?, refresh_reason = ?,
                       sends_changed_upto = ?, sends_read = ?, sends_refused = ?
                WHERE campaign_id = ?""", toDb(s.refreshedAt()), s.reason(), toDb(s.sendsChangedUpto()),
                s.sendsRead(), s.sendsRefused(), s.campaignId());
        if (updated == 0) {
            jdbc.update("""
                    INSERT INTO pkl_campaign_refresh (refreshed_at, refresh_reason, sends_changed_upto, sends_read,
                                                      sends_refused, campaign_id)
                    VALUES (?, ?, ?, ?, ?, ?)""", toDb(s.refreshedAt()), s.reason(), toDb(s.sendsChangedUpto()),
                    s.sendsRead(), s.sendsRefused(), s.campaignId());
        }
    }
}
