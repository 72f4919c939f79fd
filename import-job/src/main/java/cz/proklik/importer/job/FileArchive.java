package cz.proklik.importer.job;

import cz.proklik.tracking.clicklog.Durable;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

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

    /**
     * Idempotent: a file already moved by an earlier, interrupted run is left where it is. Never replaces a file in
     * the archive: a byte-identical copy there means this one was archived before (it is removed from the drop
     * folder), other content goes beside it under the next free name ({@code name.1}, {@code name.2}, ...).
     */
    public Path archive(Path file) throws IOException {
        return move(file, archiveDir.resolve(file.getFileName()), false);
    }

    /**
     * Puts a file that must not be imported beside the quarantine, under a name saying why, never over another.
     * Its time is set to now: the quarantine's retention counts from the day it was set aside, not from the day
     * the node wrote it.
     */
    public Path setAside(Path file, String why) throws IOException {
        return move(file, quarantineDir.resolve(file.getFileName() + "." + why), true);
    }

    private static Path move(Path file, Path wanted, boolean touch) throws IOException {
        if (!Files.exists(file)) {
            return wanted;
        }
        Files.createDirectories(wanted.getParent());
        Path target = wanted;
        for (int n = 1; Files.exists(target); n++) {
            if (Files.mismatch(file, target) == -1) {
                Files.delete(file);
                Durable.syncDirectory(file.toAbsolutePath().getParent());
                return target;
            }
            target = wanted.resolveSibling(wanted.getFileName() + "." + n);
        }
        if (touch) {
            Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
        }
        // No REPLACE_EXISTING, and rename(2) would replace silently: the loop above found a free name, and the
        // import lock keeps a second importer out of these folders meanwhile.
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherVolume) {
            Files.copy(file, target);
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
