package cz.proklik.bounces.job;

import cz.proklik.bounces.analyze.BounceAnalyzer;
import cz.proklik.bounces.analyze.RecipientOutcome;
import cz.proklik.bounces.classify.Kind;
import cz.proklik.bounces.fetch.BounceSource;
import cz.proklik.bounces.fetch.SourceMessage;
import cz.proklik.bounces.match.Match;
import cz.proklik.bounces.parse.BounceParser;
import cz.proklik.bounces.parse.ParsedMessage;
import cz.proklik.bounces.suppress.Decision;
import cz.proklik.bounces.suppress.SuppressionRules;
import cz.proklik.erp.bounce.BounceRecord;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.SendDao;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run over a bounce source: each message is parsed, and a bounce, complaint, auto-reply or notice is recorded in
 * one transaction (the ledger row, one row per recipient, the send marked bounced, the suppressions). Only after a
 * batch is committed and made durable ({@link Database#checkpoint}) are its messages moved to the processed place,
 * so a run killed at any point loses nothing and the next run records nothing twice (the ledger's message key).
 * Messages that are not bounces are left where they are.
 */
public final class BounceImport {
    private final Database db;
    private final BounceParser parser;
    private final BounceAnalyzer analyzer;
    private final BounceStore store;
    private final SendDao sends;
    private final SuppressionRules rules;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;

    public BounceImport(Database db, BounceParser parser, BounceAnalyzer analyzer, SuppressionRules rules,
                        Clock clock, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.db = db;
        this.parser = parser;
        this.analyzer = analyzer;
        this.store = new BounceStore(db.dataSource());
        this.sends = new SendDao(db.dataSource(), clock);
        this.rules = rules;
        this.tx = new TransactionTemplate(new JdbcTransactionManager(db.dataSource()));
        this.clock = clock;
        this.batchSize = batchSize;
    }

    private static final class Counts {
        int read, bounces, complaints, autoReplies, notices, notBounces, seen, recipients, hard, soft, alerts,
                unmatched, suppressed;
    }

    /**
     * @param max       at most this many messages of the source in this run
     * @param retention processed messages and bounce diagnostics older than this are deleted; zero keeps them
     */
    public ImportSummary run(BounceSource source, int max, Duration retention, Consumer<String> progress)
            throws IOException {
        Counts c = new Counts();
        List<SourceMessage> done = new ArrayList<>();
        for (SourceMessage m : source.waiting(max)) {
            c.read++;
            ParsedMessage parsed = parser.parse(m.raw());
            String key = MessageKey.of(parsed.info().messageId(), m.raw());
            if (parsed instanceof ParsedMessage.NotBounce) {
                c.notBounces++;
            } else if (store.seen(key)) {
                c.seen++;
                done.add(m);
            } else {
                try {
                    tx.executeWithoutResult(status -> record(source, m, parsed, key, c));
                } catch (DuplicateKeyException e) {
                    c.seen++; // another import recorded it a moment ago
                }
                done.add(m);
            }
            if (done.size() >= batchSize) {
                flush(source, done, c, progress);
            }
        }
        flush(source, done, c, progress);
        int purged = 0;
        if (!retention.isZero() && !retention.isNegative()) {
            Instant before = clock.instant().minus(retention);
            purged = source.purgeProcessed(before);
            store.clearDiagnosticsBefore(before);
        }
        return new ImportSummary(c.read, c.bounces, c.complaints, c.autoReplies, c.notices, c.notBounces, c.seen,
                c.recipients, c.hard, c.soft, c.alerts, c.unmatched, c.suppressed, purged);
    }

    private void flush(BounceSource source, List<SourceMessage> done, Counts c, Consumer<String> progress)
            throws IOException {
        if (done.isEmpty()) {
            return;
        }
        db.checkpoint();
        source.markProcessed(done);
        done.clear();
        progress.accept("processed " + c.read + " messages");
    }

    private void record(BounceSource source, SourceMessage m, ParsedMessage parsed, String key, Counts c) {
        Instant now = clock.instant();
        Instant at = occurredAt(parsed.info().date(), m.received(), now);
        String kind;
        String format = null;
        if (parsed instanceof ParsedMessage.Bounce b) {
            kind = "bounce";
            format = b.format();
            c.bounces++;
        } else if (parsed instanceof ParsedMessage.Complaint) {
            kind = "complaint";
            c.complaints++;
        } else if (parsed instanceof ParsedMessage.AutoReply) {
            kind = "auto_reply";
            c.autoReplies++;
        } else {
            kind = "notice";
            format = ((ParsedMessage.Notice) parsed).format();
            c.notices++;
        }
        long row = store.insertMessage(key, parsed.info().messageId(), source.name(), kind, format, m.received(), now);
        for (RecipientOutcome o : analyzer.outcomes(parsed, at)) {
            c.recipients++;
            Match match = o.match().orElse(null);
            if (match == null) {
                c.unmatched++;
            }
            long bounceId = store.insertBounce(new BounceRecord(0, row, o.mailedAddress(), o.kind().code(),
                    o.reason().code(), o.status(), o.diagnostic(), match == null ? null : match.send().campaignId(),
                    match == null ? null : match.send().recipientId(), match == null ? null : match.by().code(), at));
            if (o.kind().isBounce()) {
                if (o.kind() == Kind.HARD) {
                    c.hard++;
                } else {
                    c.soft++;
                }
                if (match != null) {
                    sends.markBounced(match.send().campaignId(), match.send().recipientId(),
                            o.kind() == Kind.HARD ? BounceKind.HARD : BounceKind.SOFT, at, errorText(o));
                }
            }
            Decision d = rules.apply(o, bounceId, at);
            if (d instanceof Decision.Alert) {
                c.alerts++;
            } else if (d instanceof Decision.Suppressed s && s.isNew()) {
                c.suppressed++;
            }
        }
    }

    private static String errorText(RecipientOutcome o) {
        String text = o.reason().code() + (o.status() == null ? "" : " " + o.status())
                + (o.diagnostic() == null ? "" : ": " + o.diagnostic());
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    /** The report's Date unless missing or implausible (in the future), else its arrival, else now. */
    static Instant occurredAt(Instant date, Instant received, Instant now) {
        if (date != null && !date.isAfter(now.plus(Duration.ofHours(1)))) {
            return date;
        }
        return received != null && !received.isAfter(now) ? received : now;
    }
}
