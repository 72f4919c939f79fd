package cz.proklik.importer.write;

import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.FileCounts;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.importfile.QuarantineDao;
import cz.proklik.erp.importfile.QuarantinedLine;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import cz.proklik.importer.job.ImportStats;
import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.ItemWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores one chunk: events (a duplicate event id is skipped and counted), quarantined lines, unsubscribes and the
 * per-file counts — all inside the chunk's transaction, so a killed import leaves either all of a chunk or none.
 * The run's summary counts a chunk once it committed: a chunk rolled back and written again (a deadlock victim) is
 * counted once.
 */
public final class ImportWriter implements ItemWriter<ImportRow> {
    private final RawEventDao events;
    private final QuarantineDao quarantine;
    private final UnsubscribeDao unsubscribes;
    private final ImportFileDao files;
    private final ImportStats stats;

    public ImportWriter(RawEventDao events, QuarantineDao quarantine, UnsubscribeDao unsubscribes, ImportFileDao files,
                        ImportStats stats) {
        this.events = events;
        this.quarantine = quarantine;
        this.unsubscribes = unsubscribes;
        this.files = files;
        this.stats = stats;
    }

    @Override
    public void write(Chunk<? extends ImportRow> chunk) {
        List<Runnable> counted = new ArrayList<>();
        Map<Long, List<RawEvent>> eventsByFile = new LinkedHashMap<>();
        Map<Long, List<QuarantinedLine>> badByFile = new LinkedHashMap<>();
        for (ImportRow row : chunk) {
            if (row instanceof ImportRow.Event e) {
                eventsByFile.computeIfAbsent(e.fileId(), id -> new ArrayList<>()).add(e.event());
            } else {
                ImportRow.Bad b = (ImportRow.Bad) row;
                badByFile.computeIfAbsent(b.fileId(), id -> new ArrayList<>()).add(b.line());
            }
        }
        for (Map.Entry<Long, List<RawEvent>> file : eventsByFile.entrySet()) {
            List<RawEvent> batch = file.getValue();
            RawEventDao.InsertResult result = events.insertBatch(file.getKey(), batch);
            for (RawEvent e : batch) {
                if ("unsubscribe".equals(e.type())) {
                    unsubscribes.record(e.campaign(), e.recipient(), e.time(), e.eventId());
                }
            }
            files.addCounts(file.getKey(), new FileCounts(batch.size(), result.inserted(), result.duplicates(), 0));
            counted.add(() -> stats.added(batch.size(), result.inserted(), result.duplicates(), 0));
        }
        for (Map.Entry<Long, List<QuarantinedLine>> file : badByFile.entrySet()) {
            int added = quarantine.addAll(file.getValue());
            files.addCounts(file.getKey(), new FileCounts(file.getValue().size(), 0, 0, added));
            counted.add(() -> stats.added(file.getValue().size(), 0, 0, added));
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counted.forEach(Runnable::run);
                }
            });
        } else {
            counted.forEach(Runnable::run);
        }
    }
}
