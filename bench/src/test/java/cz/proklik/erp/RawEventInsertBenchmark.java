package cz.proklik.erp;

import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Insert rate of the raw event layer on the embedded H2 file database. Off in the normal build (too slow for
 * it); run with:
 * <pre>./mvnw -B -ntp -o -pl bench -am verify -Dtest=RawEventInsertBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dproklik.bench.rows=1000000</pre>
 * It inserts N events in batches of 2000, then the first 10 % of them again (all duplicates), and prints both rates.
 */
@EnabledIfSystemProperty(named = "proklik.bench.rows", matches = "\\d+",
        disabledReason = "benchmark: run with -Dproklik.bench.rows=1000000")
class RawEventInsertBenchmark {

    private static final int BATCH = 2000;

    @TempDir
    Path home;

    @Test
    void insertRate() {
        int rows = Integer.parseInt(System.getProperty("proklik.bench.rows"));
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            RawEventDao dao = new RawEventDao(db.dataSource());
            Random random = new Random(42);
            Instant t0 = Instant.parse("2026-11-25T09:00:00Z");
            List<String> ids = new ArrayList<>(rows);
            long start = System.nanoTime();
            long inserted = 0;
            List<RawEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < rows; i++) {
                // Time-ordered ids like UUID v7: the same insert pattern as real click logs.
                String id = new UUID(((t0.toEpochMilli() + i) << 16) | 0x7000L | (i & 0xfff),
                        0x8000000000000000L | (random.nextLong() >>> 2)).toString();
                ids.add(id);
                batch.add(new RawEvent(id, t0.plusMillis(i), i % 5 == 0 ? "open" : "click", "GET",
                        "C" + (i % 20), "R" + random.nextInt(200_000), "hero", i % 2 == 0 ? "A" : "B",
                        "https://shop.example.com/products/" + (i % 500) + "?utm_source=email&utm_medium=newsletter",
                        "k1", null, "192.0.2.0",
                        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
                        "n1", null, (long) i + 1, EventFlags.NONE));
                if (batch.size() == BATCH) {
                    inserted += dao.insertBatch(1L, batch).inserted();
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                inserted += dao.insertBatch(1L, batch).inserted();
            }
            double seconds = (System.nanoTime() - start) / 1e9;

            long dupStart = System.nanoTime();
            long duplicates = 0;
            int again = rows / 10;
            for (int from = 0; from < again; from += BATCH) {
                List<RawEvent> dupBatch = new ArrayList<>();
                for (int i = from; i < Math.min(again, from + BATCH); i++) {
                    dupBatch.add(new RawEvent(ids.get(i), t0.plusMillis(i), "click", "GET", "C1", "R1", "hero",
                            null, null, "k1", null, null, null, "n1", null, null, EventFlags.NONE));
                }
                duplicates += dao.insertBatch(1L, dupBatch).duplicates();
            }
            double dupSeconds = (System.nanoTime() - dupStart) / 1e9;

            System.out.printf("BENCH H2 insert: %d rows in %.1f s = %.0f rows/s (batches of %d)%n", inserted, seconds,
                    inserted / seconds, BATCH);
            System.out.printf("BENCH H2 re-insert: %d duplicates skipped in %.1f s = %.0f rows/s%n", duplicates,
                    dupSeconds, duplicates / dupSeconds);
            assertThat(inserted).isEqualTo(rows);
            assertThat(duplicates).isEqualTo(again);
            assertThat(dao.count()).isEqualTo(rows);
        }
    }
}
