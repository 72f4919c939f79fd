package cz.proklik.tracking.clicklog;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * One {@code .open} click-log file of the writer: opened with its header and its name made durable, appended to,
 * and closed (cut to its lines, fsynced, renamed to {@code .csv}). Not thread-safe: the writer's file lock guards it
 * until it is handed to the background thread to be closed.
 */
final class LogFile {
    private static final byte[] HEADER = headerBytes();

    final Path path;
    final FileChannel channel;
    final long openedAtMillis;
    final boolean fromSpare;
    /** The file's key (device, inode) when opened; null where the OS has none. */
    final Object key;
    /** Bytes of header and lines written; a spare's zeros lie beyond. */
    long bytes;
    /** Sequence number of the last line written. */
    long seq;

    private LogFile(Path path, FileChannel channel, long openedAtMillis, boolean fromSpare) {
        this.path = path;
        this.channel = channel;
        this.openedAtMillis = openedAtMillis;
        this.fromSpare = fromSpare;
        this.bytes = HEADER.length;
        this.key = LogFolder.keyOf(path);
    }

    /**
     * Opens the node's next file, from the zero-filled spare when one is ready, writes the header and fsyncs the
     * folder. {@code counter} is the last file counter used; the name takes the next free one.
     */
    static LogFile open(Path dir, String node, Instant now, int[] counter, SpareFile spare) throws IOException {
        while (true) {
            Path path = dir.resolve(LogFileNames.openName(node, now, ++counter[0]));
            if (Files.exists(path)) {
                continue; // same millisecond as an earlier run of this node: the counter moves on
            }
            OptionalLong spareBytes = spare.moveTo(path);
            FileChannel opened;
            try {
                opened = spareBytes.isPresent()
                        ? FileChannel.open(path, StandardOpenOption.WRITE)
                        : FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue; // created between our look and our open: the counter moves on
            }
            try {
                ByteBuffer header = ByteBuffer.wrap(HEADER);
                while (header.hasRemaining()) {
                    opened.write(header, header.position());
                }
                // The name must survive a power cut too, or the fsynced lines would sit in a nameless inode.
                Durable.syncDirectory(dir);
            } catch (IOException e) {
                opened.close();
                Files.deleteIfExists(path);
                throw e;
            }
            return new LogFile(path, opened, now.toEpochMilli(), spareBytes.isPresent());
        }
    }

    /** Writes the lines after the last ones and, with {@code fsync}, fdatasyncs; counts them only once done. */
    void append(ByteBuffer lines, int count, boolean fsync) throws IOException {
        long at = bytes;
        while (lines.hasRemaining()) {
            at += channel.write(lines, at);
        }
        if (fsync) {
            channel.force(false);
        }
        bytes = at;
        seq += count;
    }

    /** True while the file's name still leads to the file being written: not deleted, not moved, not unmounted. */
    boolean isStillThere() {
        return key == null ? Files.exists(path) : key.equals(LogFolder.keyOf(path));
    }

    /** After its folder went away: nothing left to cut or rename. */
    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is gone; its loss is counted by the writer
        }
    }

    /** After a failed write: cut off whatever part of the failed batch reached the file. */
    void cutToLines() throws IOException {
        channel.truncate(bytes);
    }

    /**
     * Cuts the file to its lines (a spare's zeros they did not reach; FileChannel.truncate does nothing to a file no
     * longer than that), fsyncs, closes, renames to .csv and fsyncs the folder. On failure the channel is closed and
     * the file stays .open for the next start's recovery; its lines were fsynced already.
     */
    void close() throws IOException {
        try {
            channel.truncate(bytes);
            channel.force(true);
        } finally {
            channel.close();
        }
        Durable.rename(path, LogFileNames.closedPathOf(path));
    }

    private static byte[] headerBytes() {
        StringWriter text = new StringWriter();
        try (ICSVWriter csv = new CSVWriter(text, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.NO_QUOTE_CHARACTER,
                ICSVWriter.NO_ESCAPE_CHARACTER, ClickLogFormat.LINE_END)) {
            csv.writeNext(ClickLogFormat.HEADER, false);
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
