package cz.proklik.redirect.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space where the click log is written; -1 when it cannot be read (the folder is gone, say). */
public final class DiskSpace {
    private final Path dir;

    public DiskSpace(Path dir) {
        this.dir = dir;
    }

    public long freeBytes() {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
