package cz.proklik.importer.flag;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The flag rules that need other rows (docs/flags.md, "Database rules"), set-based over the events of one
 * imported file. Both only ever set a flag, so running them again changes nothing.
 */
public final class DatabaseFlagRules {
    private final NamedParameterJdbcTemplate jdbc;
    private final Duration tooFastOpen;
    private final Duration tooFastClick;
    private final Duration burstWindow;
    private final int burstLinks;
    private final Clock clock;

    public DatabaseFlagRules(DataSource dataSource, Duration tooFastOpen, Duration tooFastClick, Duration burstWindow,
                             int burstLinks, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.tooFastOpen = tooFastOpen;
        this.tooFastClick = tooFastClick;
        this.burstWindow = burstWindow;
        this.burstLinks = burstLinks;
        this.clock = clock;
    }

    /** @return events newly flagged by either rule */
    public int apply(long fileId) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("file", fileId)
                .addValue("openMs", tooFastOpen.toMillis())
                .addValue("clickMs", tooFastClick.toMillis())
                .addValue("windowMs", burstWindow.toMillis())
                .addValue("links", burstLinks)
                .addValue("now", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        int tooFast = jdbc.update("""
                UPDATE pkl_event SET is_too_fast_after_send = 1, flagged_at = :now
                WHERE file_id = :file AND is_too_fast_after_send = 0 AND event_type IN ('open', 'click')
                  AND EXISTS (SELECT 1 FROM pkl_send s
                              WHERE s.campaign_id = pkl_event.campaign_id AND s.recipient_id = pkl_event.recipient_id
                                AND s.sent_at IS NOT NULL
                                AND pkl_event.event_time < DATEADD(MILLISECOND,
                                    CASE WHEN pkl_event.event_type = 'open' THEN :openMs ELSE :clickMs END, s.sent_at))""",
                p);
        int bursts = jdbc.update("""
                UPDATE pkl_event SET is_security_scanner = 1, flagged_at = :now
                WHERE file_id = :file AND is_security_scanner = 0 AND event_type = 'click'
                  AND (SELECT COUNT(DISTINCT o.link_id) FROM pkl_event o
                       WHERE o.campaign_id = pkl_event.campaign_id AND o.recipient_id = pkl_event.recipient_id
                         AND o.event_type = 'click'
                         AND o.event_time BETWEEN DATEADD(MILLISECOND, -:windowMs, pkl_event.event_time)
                                              AND DATEADD(MILLISECOND, :windowMs, pkl_event.event_time)) >= :links""",
                p);
        return tooFast + bursts;
    }
}
