package cz.proklik.tracking.clicklog;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The folder one node writes its click log to, held for that node alone, and known by its identity.
 *
 * <p><b>One writer per node and folder.</b> A second writer with the same node id would "recover" the first one's
 * live file and lose what was written to it (issue 19.3), so the writer holds an exclusive lock on
 * {@code proklik-{node}.lock} in the folder (an OS lock: it ends with the process, so a crash leaves no stale lock;
 * the file, which is never imported, is removed on an orderly close).
 *
 * <p><b>The folder is the one opened.</b> Deleted, renamed away or unmounted, a folder's path leads to nothing or to
 * another folder, while the writer's open file would take fsynced lines into an inode nobody will import (issue 19.5).
 * So the writer compares the folder's file key (device and inode) with the one it locked.
 */
final class LogFolder {
    private final Path dir;
    private final Path lockFile;
    private FileChannel lockChannel;
    private FileLock lock;
    private Object key;

    private LogFolder(Path dir, String node) {
        this.dir = dir;
        this.lockFile = dir.resolve("proklik-" + node + ".lock");
    }

    /**
     * Creates the folder if need be and takes the node's lock.
     *
     * @throws NodeLockedException when another writer (in this or another process) holds it
     */
    static LogFolder lock(Path dir, String node) throws IOException {
        Files.createDirectories(dir);
        LogFolder folder = new LogFolder(dir, node);
        folder.acquire();
        return folder;
    }

    private void acquire() throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (tryAcquire()) {
                return;
            }
        }
        throw new IOException("the lock file " + lockFile.getFileName() + " keeps disappearing");
    }

    /**
     * False when the lock file was removed by a closing writer between our open and our lock: the lock we got is on
     * a file nobody else will find, so it must be taken again on the new one.
     */
    private boolean tryAcquire() throws IOException {
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock taken;
        try {
            taken = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            taken = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (taken == null) {
            channel.close();
            throw new NodeLockedException(lockFile);
        }
        lockChannel = channel;
        lock = taken;
        key = keyOf(dir);
        if (!Files.exists(lockFile)) {
            unlock();
            return false;
        }
        return true;
    }

    /** True while the path still leads to the folder that was locked (always true where the OS has no file keys). */
    boolean isTheOneLocked() {
        return key == null ? Files.isDirectory(dir) : key.equals(keyOf(dir));
    }

    /** True when there is a folder at the path again (after it was gone). */
    boolean isBack() {
        return Files.isDirectory(dir);
    }

    /**
     * Ends the lock in a folder that went away and takes it in the one now at the path. The old lock file is not
     * removed: its name now leads into the new folder, where it may be another writer's.
     */
    void relock() throws IOException {
        unlock();
        acquire();
    }

    /** Ends the lock and removes its file; the file goes first, while it is still ours to remove. */
    void release() {
        try {
            if (lock != null && lock.isValid()) {
                Files.deleteIfExists(lockFile);
            }
        } catch (IOException e) {
            // a lock file left behind is harmless: the next writer locks it again
        }
        unlock();
    }

    private void unlock() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException e) {
            // closing the channel ends the lock anyway
        } finally {
            lock = null;
            lockChannel = null;
        }
    }

    /** The file key of {@code path}, or null when it does not exist or the OS has none. */
    static Object keyOf(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
