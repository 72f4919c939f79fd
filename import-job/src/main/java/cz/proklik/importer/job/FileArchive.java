package cz.proklik.importer.job;

import cz.proklik.tracking.clicklog.Durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Moves imported files out of the drop folders, durably, so the next run does not see them again. */
public final class FileArchive {
    private final Path archiveDir;
    private final Path quarantineDir;

    public FileArchive(Path archiveDir, Path quarantineDir) {
        this.archiveDir = archiveDir;
        this.quarantineDir = quarantineDir;
    }

    public Path archiveDir() {
        return archiveDir;
    }

    public Path quarantineDir() {
        return quarantineDir;
    }

    /** Idempotent: a file already moved by an earlier, interrupted run is left where it is. */
    public Path archive(Path file) throws IOException {
        return move(file, archiveDir.resolve(file.getFileName()));
    }

    /** Puts a file that must not be imported beside the quarantine, under a name saying why. */
    public Path setAside(Path file, String why) throws IOException {
        return move(file, quarantineDir.resolve(file.getFileName() + "." + why));
    }

    private static Path move(Path file, Path target) throws IOException {
        if (!Files.exists(file)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException otherVolume) {
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel copy = FileChannel.open(target, StandardOpenOption.WRITE)) {
                copy.force(true);
            }
            Files.delete(file);
        }
        Durable.syncDirectory(target.getParent());
        Durable.syncDirectory(file.toAbsolutePath().getParent());
        return target;
    }
}
