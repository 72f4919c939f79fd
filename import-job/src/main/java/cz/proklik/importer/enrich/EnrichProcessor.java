package cz.proklik.importer.enrich;

import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.importfile.QuarantinedLine;
import cz.proklik.importer.read.LogLine;
import cz.proklik.importer.write.ImportRow;
import cz.proklik.tracking.clicklog.ClickLogReader;
import cz.proklik.tracking.event.TrackingEvent;
import org.springframework.batch.item.ItemProcessor;

import java.time.Clock;

/** Turns a read line into a row to store: an event with its flags and shortened address, or a quarantined line. */
public final class EnrichProcessor implements ItemProcessor<LogLine, ImportRow> {
    private final EventClassifier classifier;
    private final IpAnonymizer anonymizer;
    private final Clock clock;

    public EnrichProcessor(EventClassifier classifier, IpAnonymizer anonymizer, Clock clock) {
        this.classifier = classifier;
        this.anonymizer = anonymizer;
        this.clock = clock;
    }

    @Override
    public ImportRow process(LogLine line) {
        long fileId = line.file().fileId();
        if (line.entry() instanceof ClickLogReader.Entry.Event read) {
            return new ImportRow.Event(fileId, toRaw(read.event(), read.seq(), classifier.classify(read.event())));
        }
        ClickLogReader.Entry.BadLine bad = (ClickLogReader.Entry.BadLine) line.entry();
        return new ImportRow.Bad(fileId, QuarantinedLine.of(fileId, bad.lineNumber(), bad.reason().name(),
                bad.detail(), bad.rawText(), clock.instant()));
    }

    private RawEvent toRaw(TrackingEvent e, long seq, Classification c) {
        EventFlags flags = new EventFlags(c.botUserAgent(), c.securityScanner(), c.prefetch(), c.mppSuspect(), false,
                cut(c.userAgent().agentClass(), 16), cut(c.userAgent().agentName(), 64),
                cut(c.userAgent().deviceClass(), 16), EventClassifier.RULES_VERSION);
        return new RawEvent(e.id().toString(), e.time(), e.type().code(), e.method(), orNull(e.campaign()),
                orNull(e.recipient()), orNull(e.link()), orNull(e.variant()), orNull(e.target()), orNull(e.keyId()),
                orNull(e.reason()), orNull(anonymizer.anonymize(e.clientIp())), orNull(e.userAgent()), e.node(),
                orNull(e.requestPath()), seq, flags);
    }

    private static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
