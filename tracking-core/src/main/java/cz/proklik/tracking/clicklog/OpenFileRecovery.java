package cz.proklik.tracking.clicklog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes the files a crashed writer left open. Every complete line stays; the bytes after the last line break
 * (a torn line nobody was answered for) go to a {@code .csv.torn} file beside it, so nothing is silently dropped
 * and nothing torn is ever imported.
 *
 * <p>An open file may have been a zero-filled spare ({@link SpareFile}): the zeros its lines had not reached yet are
 * no data and are dropped. No line ever holds a 0 byte (the writer replaces control characters), so the lines end
 * at the last line break before the first 0 byte; anything after that up to the last non-zero byte is torn — the
 * part of an unanswered batch the disk got before the crash, possibly with holes.
 */
public final class OpenFileRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(OpenFileRecovery.class);
    private static final int CHUNK = 64 * 1024;

    public record Recovered(Path closedFile, long keptBytes, long tornBytes, Path tornFile) {
    }

    private OpenFileRecovery() {
    }

    /** Recovers the open files of {@code node} only: another node's open file may be in use right now. */
    public static List<Recovered> closeLeftovers(Path dir, String node) throws IOException {
        List<Recovered> done = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return done;
        }
        List<Path> open = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogFileNames.OPEN_SUFFIX)) {
            for (Path file : files) {
                if (LogFileNames.isOpen(file) && LogFileNames.nodeOf(file).orElse("").equals(node)) {
                    open.add(file);
                }
            }
        }
        open.sort(null);
        for (Path file : open) {
            done.add(recover(file));
        }
        return done;
    }

    static Recovered recover(Path file) throws IOException {
        Path torn = LogFileNames.tornPathOf(file);
        long keep;
        long dataEnd;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Extent extent = scan(channel);
            keep = extent.linesEnd();
            dataEnd = extent.dataEnd();
            if (keep < dataEnd) {
                saveTail(channel, keep, dataEnd, torn);
            }
            channel.truncate(keep);
            channel.force(true);
        }
        Path closed = LogFileNames.closedPathOf(file);
        if (keep == 0) {
            // Not even a header survived: there is no line to import, only the torn bytes kept aside.
            Files.delete(file);
            Durable.syncDirectory(file.toAbsolutePath().getParent());
        } else {
            Durable.rename(file, closed);
        }
        long tornBytes = Math.max(0, dataEnd - keep);
        LOG.warn("Recovered click-log file {} left open by a crash: {} bytes kept, {} torn bytes moved to {}",
                file.getFileName(), keep, tornBytes, tornBytes > 0 ? torn.getFileName() : "-");
        return new Recovered(keep == 0 ? null : closed, keep, tornBytes, tornBytes > 0 ? torn : null);
    }

    /** Where the whole lines end (after the last '\n' before the first 0 byte) and where the non-zero bytes end. */
    private record Extent(long linesEnd, long dataEnd) {
    }

    private static Extent scan(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long linesEnd = 0;
        long dataEnd = 0;
        boolean zeroSeen = false;
        long at = 0;
        while (true) {
            buf.clear();
            int n = channel.read(buf, at);
            if (n <= 0) {
                return new Extent(linesEnd, dataEnd);
            }
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (b == 0) {
                    zeroSeen = true;
                } else {
                    dataEnd = at + i + 1;
                    if (b == '\n' && !zeroSeen) {
                        linesEnd = at + i + 1;
                    }
                }
            }
            at += n;
        }
    }

    private static void saveTail(FileChannel channel, long from, long to, Path torn) throws IOException {
        // Appends, so that a second crash while recovering cannot overwrite what an earlier recovery saved.
        try (FileChannel out = FileChannel.open(torn, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long copied = 0;
            while (copied < to - from) {
                copied += channel.transferTo(from + copied, to - from - copied, out);
            }
            out.force(true);
        }
        Durable.syncDirectory(torn.toAbsolutePath().getParent());
    }
}
