package cz.proklik.importer.job;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.LockRetry;
import cz.proklik.erp.importfile.FileCounts;
import cz.proklik.erp.importfile.ImportFile;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.importfile.QuarantineDao;
import cz.proklik.erp.importfile.QuarantinedLine;
import cz.proklik.importer.flag.DatabaseFlagRules;
import cz.proklik.importer.read.LogFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * After the events are committed: the database flag rules, the file's final counts (from the database, so a
 * restarted run counts exactly), the quarantine file beside the table, and the move to the archive.
 * Every step is idempotent, so a run killed here simply does it again. Each file's flags and counts commit on their
 * own (so SQL Server readers never wait for a whole step's files, review finding 14), and are done again when the
 * database chose them as a deadlock victim.
 */
public final class FinishFilesTasklet implements Tasklet {
    private static final Logger LOG = LoggerFactory.getLogger(FinishFilesTasklet.class);

    private final Database database;
    private final ImportFileDao files;
    private final QuarantineDao quarantine;
    private final DatabaseFlagRules flagRules;
    private final FileArchive archive;
    private final TransactionTemplate ownTx;
    private final ImportStats stats;
    private final Clock clock;

    public FinishFilesTasklet(Database database, ImportFileDao files, QuarantineDao quarantine,
                              DatabaseFlagRules flagRules, FileArchive archive, ImportStats stats, Clock clock) {
        this.database = database;
        this.files = files;
        this.quarantine = quarantine;
        this.flagRules = flagRules;
        this.archive = archive;
        this.ownTx = new TransactionTemplate(new JdbcTransactionManager(database.dataSource()));
        this.ownTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<LogFile> files = DiscoverFilesTasklet.filesOf(chunkContext);
        for (LogFile file : files) {
            finish(file);
        }
        // Nothing leaves the drop folders before its events are on disk for sure.
        database.checkpoint();
        for (LogFile file : files) {
            archive.archive(file.path());
        }
        return RepeatStatus.FINISHED;
    }

    private void finish(LogFile file) throws IOException {
        Finished done = LockRetry.DEFAULT.run("finish of " + file.path().getFileName(),
                () -> ownTx.execute(status -> finishInDatabase(file.fileId())));
        FileCounts totals = done.totals();
        long lines = totals.lines();
        long stored = totals.imported();
        long bad = totals.quarantined();
        long flagged = done.flagged();
        stats.flagged(flagged);
        if (bad > 0) {
            writeQuarantineFile(file, quarantine.byFile(file.fileId()));
        }
        LOG.info("{}: {} lines, {} imported, {} duplicates, {} quarantined, {} flagged", file.path().getFileName(),
                lines, stored, totals.duplicates(), bad, flagged);
    }

    /** The flag rules and the final counts of one file, in one transaction. */
    private Finished finishInDatabase(long fileId) {
        ImportFile row = files.find(fileId).orElseThrow();
        flagRules.apply(fileId);
        ImportFileDao.StoredEvents events = files.storedEvents(fileId);
        long bad = quarantine.countByFile(fileId);
        long lines = row.counts().lines();
        FileCounts totals = new FileCounts(lines, events.stored(), Math.max(0, lines - events.stored() - bad), bad);
        files.finish(fileId, totals, clock.instant());
        return new Finished(totals, events.flagged());
    }

    private record Finished(FileCounts totals, long flagged) {
    }

    /**
     * The bad lines of a file as CSV, for whoever repairs the node: line number, reason, detail, the line. Named
     * {@code <file>.quarantine.csv}; when files of that name came from several drop folders, each gets its own
     * {@code <file>.<file id>.quarantine.csv} instead of overwriting the other's.
     */
    private void writeQuarantineFile(LogFile file, List<QuarantinedLine> lines) throws IOException {
        String name = file.path().getFileName().toString();
        String suffix = files.countNamed(name) > 1 ? "." + file.fileId() + ".quarantine.csv" : ".quarantine.csv";
        Path out = archive.quarantineDir().resolve(name + suffix);
        Files.createDirectories(out.getParent());
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             ICSVWriter csv = new CSVWriter(writer, ',', '"', '"', "\r\n")) {
            csv.writeNext(new String[]{"line", "reason", "detail", "raw_line"}, false);
            for (QuarantinedLine line : lines) {
                csv.writeNext(new String[]{Long.toString(line.lineNo()), line.reason(),
                        line.detail() == null ? "" : line.detail(), line.rawLine() == null ? "" : line.rawLine()}, false);
            }
        }
    }
}
