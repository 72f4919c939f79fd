package cz.proklik.importer.job;

import cz.proklik.erp.importfile.ImportFile;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.importer.read.LogFile;
import cz.proklik.tracking.clicklog.BadLineReason;
import cz.proklik.tracking.clicklog.ClickLogReader;
import cz.proklik.tracking.clicklog.LogFileNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * a restarted run works on exactly the same files. A file whose first line is not a click-log header is refused
 * whole (recorded, set aside in the quarantine folder, counted); so is a file that has the folder and name of an
 * imported one but other content. Neither is ever imported in part.
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
            // A file is known by its folder and name: two drop folders may hold files of the same name.
            String dir = file.getParent().toString();
            String name = file.getFileName().toString();
            String node = LogFileNames.nodeOf(file).orElse(null);
            String sha256 = sha256(file);
            Optional<ImportFile> known = files.find(dir, name);
            if (known.isPresent() && known.get().status() == ImportFile.Status.IMPORTED) {
                if (known.get().sha256().equals(sha256)) {
                    // Committed by an earlier run that stopped before archiving it.
                    archive.archive(file);
                    stats.filesSkipped.incrementAndGet();
                } else {
                    Path moved = archive.setAside(file, "conflict");
                    LOG.error("{} in {} was imported before with other content; not imported again, moved to {}",
                            name, dir, moved);
                    stats.filesConflicting.incrementAndGet();
                }
                continue;
            }
            long size = Files.size(file);
            Optional<String> refusal = headerRefusal(file);
            if (refusal.isPresent()) {
                // Recorded before it moves, so a run killed in between refuses it again instead of losing track.
                files.refuse(dir, name, node, sha256, size, clock.instant(), refusal.get());
                Path moved = archive.setAside(file, "refused");
                LOG.error("{} in {} is not a click-log file ({}); nothing imported, moved to {}", name, dir,
                        refusal.get(), moved);
                stats.filesRefused.incrementAndGet();
                continue;
            }
            long id = files.start(dir, name, node, sha256, size, clock.instant());
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
                list.filter(LogFileNames::isClosed).map(p -> p.toAbsolutePath().normalize()).forEach(found::add);
            }
        }
        found.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return found;
    }

    /** Why the file is not a click-log file of a version this reader knows, judged by its first line. */
    private static Optional<String> headerRefusal(Path file) throws IOException {
        try (ClickLogReader reader = ClickLogReader.open(file)) {
            if (reader.next() instanceof ClickLogReader.Entry.BadLine bad && bad.reason() == BadLineReason.BAD_HEADER) {
                return Optional.of(bad.detail());
            }
            return Optional.empty();
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
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
