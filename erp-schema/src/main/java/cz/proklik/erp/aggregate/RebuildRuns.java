package cz.proklik.erp.aggregate;

import cz.proklik.erp.aggregate.FoldDelta.ClickKey;
import cz.proklik.erp.aggregate.FoldDelta.ClickRow;
import cz.proklik.erp.aggregate.FoldDelta.LinkKey;
import cz.proklik.erp.aggregate.FoldDelta.LinkRow;
import cz.proklik.erp.aggregate.FoldDelta.RecipientKey;
import cz.proklik.erp.aggregate.FoldDelta.RecipientRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * The sorted runs of one rebuild, in a folder of its own below the rebuild's temporary folder
 * ({@code rebuild-<run id>}): three files per slice of raw events (its recipient rows, link rows, clean clicks), merged
 * at the end. Deleted when the rebuild ends, however it ends; what a killed rebuild left is deleted by the rebuild
 * that takes over from it ({@link #deleteLeftoversOf}).
 */
final class RebuildRuns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RebuildRuns.class);
    private static final String PREFIX = "rebuild-";

    private final Path dir;
    private final List<Path> recipientRuns = new ArrayList<>();
    private final List<Path> linkRuns = new ArrayList<>();
    private final List<Path> clickRuns = new ArrayList<>();
    private long bytes;

    private RebuildRuns(Path dir) {
        this.dir = dir;
    }

    /** Creates the folder of rebuild {@code runId} below {@code root} (and {@code root} when missing). */
    static RebuildRuns create(Path root, String runId) throws IOException {
        return new RebuildRuns(Files.createDirectories(folder(root, runId)));
    }

    /**
     * Deletes what rebuild {@code runId} (taken over, so it writes no more) left below {@code root}, if anything;
     * a failure only warns: the new rebuild does not need that space to be right.
     */
    static void deleteLeftoversOf(Path root, String runId) {
        try {
            UUID.fromString(runId); // a value from the database: never a path of its own
        } catch (IllegalArgumentException notARunId) {
            return;
        }
        Path leftovers = folder(root, runId);
        try {
            if (FileSystemUtils.deleteRecursively(leftovers)) {
                log.info("Deleted the sorted runs {} left by the rebuild this one took over from", leftovers);
            }
        } catch (IOException e) {
            log.warn("Could not delete the sorted runs {} of the rebuild this one took over from: {}", leftovers,
                    e.toString());
        }
    }

    private static Path folder(Path root, String runId) {
        return root.resolve(PREFIX + runId);
    }

    /** Writes the recipient and link rows of one slice's delta as the next pair of sorted runs. */
    void spill(FoldDelta delta) throws IOException {
        String name = "slice-%06d".formatted(recipientRuns.size() + 1);
        Path recipients = dir.resolve(name + ".recipients");
        bytes += SortedRunWriter.write(recipients, delta.recipients, RunCodec.RECIPIENTS);
        recipientRuns.add(recipients);
        Path links = dir.resolve(name + ".links");
        bytes += SortedRunWriter.write(links, delta.links, RunCodec.LINKS);
        linkRuns.add(links);
        Path clicks = dir.resolve(name + ".clicks");
        bytes += SortedRunWriter.write(clicks, delta.cleanClicks, RunCodec.CLEAN_CLICKS);
        clickRuns.add(clicks);
    }

    long mergeRecipients(BiConsumer<RecipientKey, RecipientRow> sink) throws IOException {
        return RunMerge.merge(recipientRuns, RunCodec.RECIPIENTS, sink);
    }

    long mergeLinks(BiConsumer<LinkKey, LinkRow> sink) throws IOException {
        return RunMerge.merge(linkRuns, RunCodec.LINKS, sink);
    }

    long mergeCleanClicks(BiConsumer<ClickKey, ClickRow> sink) throws IOException {
        return RunMerge.merge(clickRuns, RunCodec.CLEAN_CLICKS, sink);
    }

    /** Bytes of all runs written so far: the disk space the rebuild needs besides the database. */
    long bytes() {
        return bytes;
    }

    /** The number of slices spilled. */
    int runs() {
        return recipientRuns.size();
    }

    Path folder() {
        return dir;
    }

    /** Deletes the folder and its runs. */
    @Override
    public void close() throws IOException {
        FileSystemUtils.deleteRecursively(dir);
    }
}
