package cz.proklik.erp.report;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

/**
 * How many of a campaign's opens and clicks each flag removed, read from the raw events (one campaign's rows, by the
 * campaign/type index), so the report can show why the clean figure is lower than the raw one.
 */
public final class FlagNoiseDao {
    private final JdbcTemplate jdbc;

    public FlagNoiseDao(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Opens first, then clicks; a type with no event is a row of zeros. */
    public List<FlagNoise> noise(String campaignId) {
        List<FlagNoise> rows = jdbc.query("""
                SELECT event_type, COUNT(*) AS raw_events,
                       SUM(CASE WHEN is_clean = 1 THEN 1 ELSE 0 END) AS clean_events,
                       SUM(CASE WHEN is_bot_ua = 1 THEN 1 ELSE 0 END) AS bots,
                       SUM(CASE WHEN is_security_scanner = 1 AND (burst_rule IS NULL OR burst_rule = 'click')
                                THEN 1 ELSE 0 END) AS scanners,
                       SUM(CASE WHEN is_prefetch = 1 THEN 1 ELSE 0 END) AS prefetch,
                       SUM(CASE WHEN is_mpp_suspect = 1 THEN 1 ELSE 0 END) AS mpp,
                       SUM(CASE WHEN is_too_fast_after_send = 1 THEN 1 ELSE 0 END) AS too_fast,
                       SUM(CASE WHEN burst_rule IN ('open_before', 'open_after') THEN 1 ELSE 0 END) AS burst_opens
                FROM pkl_event WHERE campaign_id = ? AND event_type IN ('open', 'click')
                GROUP BY event_type""", (rs, i) -> new FlagNoise(rs.getString("event_type"),
                rs.getLong("raw_events"), rs.getLong("clean_events"), rs.getLong("bots"), rs.getLong("scanners"),
                rs.getLong("prefetch"), rs.getLong("mpp"), rs.getLong("too_fast"), rs.getLong("burst_opens")),
                campaignId);
        return List.of(of(rows, "open"), of(rows, "click"));
    }

    private static FlagNoise of(List<FlagNoise> rows, String type) {
        return rows.stream().filter(r -> r.eventType().equals(type)).findFirst()
                .orElse(new FlagNoise(type, 0, 0, 0, 0, 0, 0, 0, 0));
    }
}
