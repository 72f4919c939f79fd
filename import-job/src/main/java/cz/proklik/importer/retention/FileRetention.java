package cz.proklik.importer.retention;

import cz.proklik.tracking.clicklog.Durable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Deletes the import's own files (names starting {@code proklik-}: archived click logs, files set aside, quarantine
 * CSVs) last changed before a cutoff from the archive and quarantine folders. They hold recipient ids, addresses and
 * user agents in the clear. Only those two folders, not recursively, and only our names: a folder configured by
 * mistake to something shared loses nothing else. Files still waiting in the drop folders are never touched.
 */
public final class FileRetention {
    private static final String OUR_PREFIX = "proklik-";

    private final List<Path> folders;

    public FileRetention(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** Returns how many files it deleted. */
    public int deleteChangedBefore(Instant cutoff) {
        int deleted = 0;
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            int before = deleted;
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, OUR_PREFIX + "*")) {
                for (Path file : files) {
                    if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                        deleted += delete(file);
                    }
                }
                if (deleted > before) {
                    Durable.syncDirectory(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("retention: cannot clean " + folder, e);
            }
        }
        return deleted;
    }

    private static int delete(Path file) throws IOException {
        try {
            Files.delete(file);
            return 1;
        } catch (NoSuchFileException gone) {
            return 0;
        }
    }
}
