package cz.proklik.importer.flag;

import cz.proklik.erp.event.EventFlagRulesDao;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/**
 * The flag rules that need other rows (docs/flags.md, "Database rules"), with the thresholds the job was configured
 * with; the SQL is {@link EventFlagRulesDao}'s. Every rule only ever sets a flag, so running them again changes
 * nothing.
 */
public final class DatabaseFlagRules {
    private final EventFlagRulesDao dao;
    private final EventFlagRulesDao.Thresholds thresholds;
    private final Clock clock;

    public DatabaseFlagRules(DataSource dataSource, Duration tooFastOpen, Duration tooFastClick, Duration burstWindow,
                             int burstLinks, Clock clock) {
        this.dao = new EventFlagRulesDao(dataSource);
        this.thresholds = new EventFlagRulesDao.Thresholds(tooFastOpen, tooFastClick, burstWindow, burstLinks);
        this.clock = clock;
    }

    /** @return rows the rules updated over the events of one imported file */
    public int apply(long fileId) {
        return dao.applyToFile(fileId, thresholds, clock.instant());
    }

    public EventFlagRulesDao dao() {
        return dao;
    }

    public EventFlagRulesDao.Thresholds thresholds() {
        return thresholds;
    }
}
