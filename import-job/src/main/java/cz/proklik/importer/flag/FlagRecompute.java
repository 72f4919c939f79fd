package cz.proklik.importer.flag;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.event.EventFlagRulesDao;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.FlagRecomputeDao;
import cz.proklik.importer.enrich.Classification;
import cz.proklik.importer.enrich.EventClassifier;
import cz.proklik.importer.enrich.IpAnonymizer;
import cz.proklik.importer.enrich.UserAgentClassifier;
import cz.proklik.importer.job.ImportSettings;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code proklik flags recompute}: runs every flag rule of docs/flags.md again over stored events (the rules or the
 * bot list changed, scanner ranges were added, sends arrived after their events) and brings the aggregates up to
 * date. Per-event rules see what is stored: the user agent, and the client address as stored (anonymised when
 * {@code proklik.import.anonymize-ip} is on). Only the aggregates of campaigns with an event whose flags changed are
 * recomputed. Work goes in slices of {@link EventFlagRulesDao#SLICE} ids, each
 * its own transaction, so a recompute of millions of events never holds long locks; one that is stopped half-way
 * can simply be run again.
 */
public final class FlagRecompute {
    /** The rules version this recompute stores with every event (docs/flags.md). */
    public static final int RULES_VERSION = EventClassifier.RULES_VERSION;

    private final DataSource dataSource;
    private final EventClassifier classifier;
    private final DatabaseFlagRules rules;
    private final FlagRecomputeDao events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final boolean anonymisedAddresses;

    /**
     * @param anonymisedAddresses whether stored client addresses are anonymised ({@code proklik.import.anonymize-ip}):
     *                            an address at the start of its network then stands for the whole network
     */
    public FlagRecompute(DataSource dataSource, EventClassifier classifier, DatabaseFlagRules rules, Clock clock,
                         boolean anonymisedAddresses) {
        this.dataSource = dataSource;
        this.anonymisedAddresses = anonymisedAddresses;
        this.classifier = classifier;
        this.rules = rules;
        this.events = new FlagRecomputeDao(dataSource);
        this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
        this.clock = clock;
    }

    /** A recompute with the import's rules and settings (scanner and MPP ranges, thresholds). */
    public static FlagRecompute of(DataSource dataSource, ImportSettings settings, Clock clock) {
        EventClassifier classifier = new EventClassifier(new UserAgentClassifier(), settings.scannerRanges(),
                settings.mppRanges());
        DatabaseFlagRules rules = new DatabaseFlagRules(dataSource, settings.tooFastOpen(), settings.tooFastClick(),
                settings.burstWindow(), settings.burstLinks(), clock);
        return new FlagRecompute(dataSource, classifier, rules, clock, settings.anonymizeIp());
    }

    public Summary run(FlagRecomputeDao.Selection selection) {
        long started = System.nanoTime();
        var range = events.range(selection);
        if (range.isEmpty()) {
            return new Summary(0, 0, List.of(), Duration.ofNanos(System.nanoTime() - started));
        }
        long from = range.get().afterId();
        long to = range.get().upToId();
        Instant now = clock.instant();
        Map<Long, String> before = new HashMap<>();
        for (long lo = from; lo < to; lo += EventFlagRulesDao.SLICE) {
            long after = lo;
            long hi = Math.min(lo + EventFlagRulesDao.SLICE, to);
            tx.executeWithoutResult(status -> {
                List<FlagRecomputeDao.PerEventFlags> rows = new ArrayList<>();
                for (FlagRecomputeDao.Stored e : events.slice(after, hi, selection)) {
                    before.put(e.id(), e.flags());
                    if (e.detailsCleared()) {
                        // Nothing left for the per-event rules; the database rules below can only add a flag to it.
                        continue;
                    }
                    rows.add(new FlagRecomputeDao.PerEventFlags(e.id(), flags(classify(e))));
                }
                events.writePerEventFlags(rows, now);
            });
            rules.dao().applyEventRules(lo, hi, rules.thresholds(), now, selection);
        }
        // The open-with-burst rule needs every burst's clicks marked, so it runs once all slices are.
        for (long lo = from; lo < to; lo += EventFlagRulesDao.SLICE) {
            rules.dao().applyOpenWithBurst(lo, Math.min(lo + EventFlagRulesDao.SLICE, to), rules.thresholds(), now,
                    selection);
        }
        long total = before.size();
        long changed = 0;
        SortedSet<String> affected = new TreeSet<>();
        for (long lo = from; lo < to; lo += EventFlagRulesDao.SLICE) {
            for (FlagRecomputeDao.Stored e : events.slice(lo, Math.min(lo + EventFlagRulesDao.SLICE, to), selection)) {
                if (!e.flags().equals(before.remove(e.id()))) {
                    changed++;
                    if (e.campaign() != null) {
                        affected.add(e.campaign());
                    }
                }
            }
        }
        // The aggregates hold clean counts; only the campaigns whose events changed flags have wrong ones now.
        List<String> rebuilt = affected.isEmpty() ? List.of()
                : new AggregateMaintainer(dataSource, clock).rebuildCampaigns(affected).campaigns();
        return new Summary(total, changed, rebuilt, Duration.ofNanos(System.nanoTime() - started));
    }

    private Classification classify(FlagRecomputeDao.Stored e) {
        TrackingEvent event = toEvent(e);
        if (anonymisedAddresses && IpAnonymizer.isAnonymised(e.clientIp())) {
            return classifier.classifyAnonymised(event, new EventClassifier.Prior(e.perEventScanner(), e.mpp()));
        }
        return classifier.classify(event);
    }

    private static EventFlags flags(Classification c) {
        return new EventFlags(c.botUserAgent(), c.securityScanner(), c.prefetch(), c.mppSuspect(), false,
                cut(c.userAgent().agentClass(), 16), cut(c.userAgent().agentName(), 64),
                cut(c.userAgent().deviceClass(), 16), EventClassifier.RULES_VERSION);
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static TrackingEvent toEvent(FlagRecomputeDao.Stored e) {
        return new TrackingEvent(UUID.fromString(e.eventId()), e.time(), EventType.fromCode(e.type()), e.method(),
                e.campaign(), e.recipient(), e.link(), e.variant(), e.target(), e.keyId(), e.reason(), e.clientIp(),
                e.userAgent(), e.node(), e.requestPath());
    }

    /**
     * @param events  stored events the rules ran over
     * @param changed events whose flags are now different
     * @param campaignsRebuilt the campaigns whose aggregates were rebuilt: those with an event whose flags changed
     *                (none when nothing changed; {@link AggregateMaintainer.CampaignsRebuilt#ALL} alone when a
     *                rebuild of all aggregates had to run instead, see {@link AggregateMaintainer#rebuildCampaigns})
     */
    public record Summary(long events, long changed, List<String> campaignsRebuilt, Duration took) {
    }
}
