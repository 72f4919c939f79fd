package cz.proklik.erp.aggregate;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes rows of one {@link FoldDelta} to a file sorted by key, a sorted run for {@link RunMerge}: a version, the
 * run's string table, the row count, then the rows in key order ({@link RunCodec}).
 */
final class SortedRunWriter {
    static final int VERSION = 1;
    private static final int BUFFER = 1 << 16;

    private SortedRunWriter() {
    }

    /** Writes {@code rows} sorted by key to {@code file} (created, not there before); returns the bytes written. */
    static <K extends Comparable<K>, R> long write(Path file, Map<K, R> rows, RunCodec<K, R> codec)
            throws IOException {
        return write(file, new ArrayList<>(rows.entrySet()), codec);
    }

    /** As {@link #write(Path, Map, RunCodec)}, of rows with distinct keys in a list (which it sorts). */
    static <K extends Comparable<K>, R> long write(Path file, List<Map.Entry<K, R>> sorted, RunCodec<K, R> codec)
            throws IOException {
        sorted.sort(Map.Entry.comparingByKey());
        Map<String, Integer> index = new HashMap<>();
        List<String> strings = new ArrayList<>();
        for (Map.Entry<K, R> e : sorted) {
            codec.strings(e.getKey(), e.getValue(), s -> {
                if (s != null && index.putIfAbsent(s, strings.size()) == null) {
                    strings.add(s);
                }
            });
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                BUFFER))) {
            out.writeInt(VERSION);
            out.writeInt(strings.size());
            for (String s : strings) {
                out.writeUTF(s);
            }
            out.writeInt(sorted.size());
            for (Map.Entry<K, R> e : sorted) {
                codec.write(out, e.getKey(), e.getValue(), s -> s == null ? -1 : index.get(s));
            }
            out.flush();
            return out.size();
        }
    }
}
