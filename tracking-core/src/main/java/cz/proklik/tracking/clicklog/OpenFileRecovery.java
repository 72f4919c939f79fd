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
        long size;
        long keep;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            size = channel.size();
            keep = endOfLastLine(channel, size);
            if (keep < size) {
                saveTail(channel, keep, size, torn);
                channel.truncate(keep);
            }
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
        LOG.warn("Recovered click-log file {} left open by a crash: {} bytes kept, {} torn bytes moved to {}",
                file.getFileName(), keep, size - keep, keep < size ? torn.getFileName() : "-");
        return new Recovered(keep == 0 ? null : closed, keep, size - keep, keep < size ? torn : null);
    }

    /** Position just after the last '\n', scanning backwards in chunks; 0 when there is none. */
    private static long endOfLastLine(FileChannel channel, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK);
            buf.clear().limit((int) (end - start));
            channel.read(buf, start);
            for (int i = buf.position() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return start + i + 1;
                }
            }
            end = start;
        }
        return 0;
    }

    private static void saveTail(FileChannel channel, long from, long size, Path torn) throws IOException {
        // Appends, so that a second crash while recovering cannot overwrite what an earlier recovery saved.
        try (FileChannel out = FileChannel.open(torn, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            long copied = 0;
            while (copied < size - from) {
                copied += channel.transferTo(from + copied, size - from - copied, out);
            }
            out.force(true);
        }
        Durable.syncDirectory(torn.toAbsolutePath().getParent());
    }
}
