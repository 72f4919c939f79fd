package cz.proklik.erp.aggregate;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a run {@link SortedRunWriter} wrote, one row at a time, with a small buffer: a merge opens one per slice. */
final class SortedRunReader<K extends Comparable<K>, R> implements Closeable {
    private static final int BUFFER = 1 << 15;

    private final DataInputStream in;
    private final RunCodec<K, R> codec;
    private final String[] strings;
    private int left;
    private K key;
    private R row;

    SortedRunReader(Path file, RunCodec<K, R> codec) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        this.codec = codec;
        try {
            int version = in.readInt();
            if (version != SortedRunWriter.VERSION) {
                throw new IOException("not a sorted run of version " + SortedRunWriter.VERSION + ": " + file);
            }
            strings = new String[in.readInt()];
            for (int i = 0; i < strings.length; i++) {
                strings[i] = in.readUTF();
            }
            left = in.readInt();
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Moves to the next row; false at the end of the run. */
    boolean next() throws IOException {
        if (left == 0) {
            key = null;
            row = null;
            return false;
        }
        left--;
        codec.read(in, strings, (k, r) -> {
            key = k;
            row = r;
        });
        return true;
    }

    /** The current row's key (after a {@link #next} that returned true). */
    K key() {
        return key;
    }

    R row() {
        return row;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
