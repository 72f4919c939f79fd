package cz.proklik.bounces.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A folder of {@code .eml} files (saved elsewhere, forwarded by a relay); handled files go to {@code processedDir}. */
public final class FolderSource implements BounceSource {
    private final Path dir;
    private final Path processedDir;

    public FolderSource(Path dir, Path processedDir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("not a folder: " + dir);
        }
        this.dir = dir;
        this.processedDir = processedDir;
    }

    @Override
    public String name() {
        return "folder:" + dir.toAbsolutePath().normalize();
    }

    @Override
    public List<SourceMessage> waiting(int max) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.eml")) {
            s.forEach(files::add);
        }
        files.sort(null);
        List<SourceMessage> out = new ArrayList<>();
        for (Path f : files.subList(0, Math.min(max, files.size()))) {
            if (Files.isRegularFile(f)) {
                out.add(new SourceMessage(f, f.getFileName().toString(), Files.readAllBytes(f),
                        Files.getLastModifiedTime(f).toInstant()));
            }
        }
        return out;
    }

    @Override
    public void markProcessed(List<SourceMessage> messages) throws IOException {
        if (messages.isEmpty()) {
            return;
        }
        Files.createDirectories(processedDir);
        for (SourceMessage m : messages) {
            Path from = (Path) m.handle();
            Path to = processedDir.resolve(from.getFileName());
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                fsync(to);
                Files.delete(from);
            }
        }
        fsyncDir(processedDir);
        fsyncDir(dir);
    }

    @Override
    public int purgeProcessed(Instant before) throws IOException {
        return purge(processedDir, before);
    }

    /** Deletes {@code *.eml} in {@code dir} last changed before {@code before} (nothing else, no sub-folders). */
    static int purge(Path dir, Instant before) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.eml")) {
            for (Path f : s) {
                if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.delete(f);
                    n++;
                }
            }
        }
        if (n > 0) {
            fsyncDir(dir);
        }
        return n;
    }

    static void fsync(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    static void fsyncDir(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open a folder; the rename is still done.
        } catch (UncheckedIOException e) {
            // same
        }
    }

    @Override
    public void close() {
    }
}
