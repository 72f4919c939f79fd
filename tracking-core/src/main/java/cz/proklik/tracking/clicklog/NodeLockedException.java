package cz.proklik.tracking.clicklog;

import java.io.IOException;
import java.nio.file.Path;

/** The click log of this node id in this folder is being written by another writer (this or another process). */
public final class NodeLockedException extends IOException {
    NodeLockedException(Path lockFile) {
        super("another process is writing the click log of this node (" + lockFile.getFileName()
                + " in its log folder is locked): give each redirect process its own node id or log folder");
    }
}
