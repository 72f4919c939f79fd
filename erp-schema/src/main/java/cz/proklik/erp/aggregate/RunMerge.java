package cz.proklik.erp.aggregate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

/**
 * The k-way merge of sorted runs ({@link SortedRunWriter}): hands each key once, in key order, with the partial sums
 * of every run that has it combined ({@link RunCodec#combine}), so the rebuild writes each aggregate row once however
 * many slices held its events. Holds one row per run.
 */
final class RunMerge {

    private RunMerge() {
    }

    /** Merges {@code runs}, handing each key and its combined row to {@code sink}; returns how many keys it handed. */
    static <K extends Comparable<K>, R> long merge(List<Path> runs, RunCodec<K, R> codec, BiConsumer<K, R> sink)
            throws IOException {
        List<SortedRunReader<K, R>> readers = new ArrayList<>(runs.size());
        boolean merged = false;
        try {
            PriorityQueue<SortedRunReader<K, R>> heads = new PriorityQueue<>(Math.max(1, runs.size()),
                    Comparator.comparing(SortedRunReader::key));
            for (Path run : runs) {
                SortedRunReader<K, R> reader = new SortedRunReader<>(run, codec);
                readers.add(reader);
                if (reader.next()) {
                    heads.add(reader);
                }
            }
            long keys = 0;
            while (!heads.isEmpty()) {
                SortedRunReader<K, R> first = heads.poll();
                K key = first.key();
                R row = first.row();
                advance(first, heads);
                while (!heads.isEmpty() && heads.peek().key().compareTo(key) == 0) {
                    SortedRunReader<K, R> same = heads.poll();
                    codec.combine(row, same.row());
                    advance(same, heads);
                }
                sink.accept(key, row);
                keys++;
            }
            merged = true;
            return keys;
        } finally {
            IOException failed = null;
            for (SortedRunReader<K, R> reader : readers) {
                try {
                    reader.close();
                } catch (IOException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null && merged) { // else the merge's own failure is the one to report
                throw failed;
            }
        }
    }

    private static <K extends Comparable<K>, R> void advance(SortedRunReader<K, R> reader,
                                                             PriorityQueue<SortedRunReader<K, R>> heads)
            throws IOException {
        if (reader.next()) {
            heads.add(reader);
        }
    }
}
