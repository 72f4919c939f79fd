package cz.proklik.importer.job;

import cz.proklik.erp.importfile.ImportFile;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.importer.read.LogFile;
import cz.proklik.tracking.clicklog.LogFileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Chooses this run's files: every closed click-log file in the drop folders (never an open one, never a torn
 * tail) that is not imported yet. Registers each in pkl_import_file and puts the list into the job's context, so
 * a restarted run works on exactly the same files.
 */
public final class DiscoverFilesTasklet implements Tasklet {
    public static final String FILES_KEY = "proklik.files";
    private static final Logger LOG = LoggerFactory.getLogger(DiscoverFilesTasklet.class);

    private final ImportSettings settings;
    private final ImportFileDao files;
    private final FileArchive archive;
    private final ImportStats stats;
    private final Clock clock;

    public DiscoverFilesTasklet(ImportSettings settings, ImportFileDao files, FileArchive archive, ImportStats stats,
                                Clock clock) {
        this.settings = settings;
        this.files = files;
        this.archive = archive;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        List<String> chosen = new ArrayList<>();
        long bytes = 0;
        for (Path file : closedFiles()) {
            String name = file.getFileName().toString();
            String sha256 = sha256(file);
            Optional<ImportFile> known = files.findByName(name);
            if (known.isPresent() && known.get().status() == ImportFile.Status.IMPORTED) {
                if (known.get().sha256().equals(sha256)) {
                    // Committed by an earlier run that stopped before archiving it.
                    archive.archive(file);
                    stats.filesSkipped.incrementAndGet();
                } else {
                    Path moved = archive.setAside(file, "conflict");
                    LOG.error("{} was imported before with other content; not imported again, moved to {}", name, moved);
                    stats.filesSkipped.incrementAndGet();
                }
                continue;
            }
            long size = Files.size(file);
            long id = files.start(name, LogFileNames.nodeOf(file).orElse(null), sha256, size, clock.instant());
            chosen.add(new LogFile(id, file).encode());
            bytes += size;
        }
        stats.files.set(chosen.size());
        stats.bytesTotal.set(bytes);
        chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .putString(FILES_KEY, String.join("\n", chosen));
        contribution.incrementReadCount();
        LOG.info("{} click-log file(s) to import ({} MiB)", chosen.size(), bytes >> 20);
        return RepeatStatus.FINISHED;
    }

    private List<Path> closedFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : settings.dropDirs()) {
            if (!Files.isDirectory(dir)) {
                LOG.warn("Drop folder {} does not exist (yet)", dir);
                continue;
            }
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(LogFileNames::isClosed).forEach(found::add);
            }
        }
        found.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return found;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** This run's files, as the discover step put them into the job's context (the later steps' one source). */
    public static List<LogFile> filesOf(ChunkContext chunkContext) {
        return decode(chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                .getString(FILES_KEY, ""));
    }

    public static List<LogFile> decode(String files) {
        if (files == null || files.isEmpty()) {
            return List.of();
        }
        return files.lines().map(LogFile::decode).toList();
    }
}
