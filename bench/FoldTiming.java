import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.db.Database;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fold on its own (issue 18 item 1): empties the aggregates of a PROKLIK_HOME's embedded H2 that `proklik import`
 * filled, then folds each imported file again with the product's AggregateMaintainer.addFile and prints the time per
 * file beside the time the import job's own steps took for the same files (its job repository), so the fold's cost
 * can be read against the insert's on the same data and machine.
 *
 * Usage: java -Xmx512m -cp app/target/proklik.jar bench/FoldTiming.java HOME [GROUP_EVENTS [URL_SETTINGS]]
 *
 * With GROUP_EVENTS the files are folded as the import job folds them, AggregateMaintainer.addFiles with groups of up
 * to that many events (0: one file per transaction), and the time is printed for all of them; URL_SETTINGS (e.g.
 * ";CACHE_SIZE=131072") are appended to the product's embedded URL, to measure an H2 setting before changing it.
 * With GROUP_EVENTS it prints the process's CPU seconds of the fold alone (cpu_s, H2's background writer included,
 * the fold's pages flushed by a CHECKPOINT before the clock stops): on a shared machine they hold up better under
 * load than the wall time.
 */
public class FoldTiming {
    /** CPU time of the whole process (H2's background writer included), which holds up under load. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) {
        String url = Database.embeddedUrl(Path.of(args[0])) + (args.length > 2 ? args[2] : "");
        try (Database db = Database.open(url, "sa", "")) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            for (String t : List.of("pkl_agg_file_done", "pkl_agg_recipient", "pkl_agg_recipient_link",
                    "pkl_agg_campaign", "pkl_agg_link", "pkl_agg_link_segment", "pkl_agg_hour", "pkl_agg_send_hour",
                    "pkl_agg_click")) {
                jdbc.update("DELETE FROM " + t);
            }
            for (Map<String, Object> step : jdbc.queryForList("SELECT step_name, DATEDIFF('MILLISECOND', start_time,"
                    + " end_time) AS ms FROM PKL_BATCH_STEP_EXECUTION ORDER BY step_execution_id")) {
                System.out.printf(Locale.ROOT, "STEP %s %s ms%n", step.get("step_name"), step.get("ms"));
            }
            List<Long> files = jdbc.queryForList(
                    "SELECT file_id FROM pkl_import_file WHERE status = 'imported' ORDER BY file_id", Long.class);
            if (args.length > 1) {
                AggregateMaintainer grouped = new AggregateMaintainer(db.dataSource(), Clock.systemUTC(),
                        AggregateMaintainer.REBUILD_SLICE, Long.parseLong(args[1]));
                db.checkpoint(); // the emptied aggregates' pages written before the clock starts
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                Map<Long, AggregateMaintainer.FoldResult> results = grouped.addFiles(files);
                db.checkpoint(); // what the fold left to H2's background writer counts too
                double s = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - cpu0) / 1e9;
                long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE file_id IS NOT NULL", Long.class);
                System.out.printf(Locale.ROOT, "FOLD total files=%d groups_of=%s events=%d seconds=%.1f cpu_s=%.1f"
                        + " events_per_s=%.0f %s%n", files.size(), args[1], n, s, cpu, n / s, results.values());
                return;
            }
            AggregateMaintainer aggregates = new AggregateMaintainer(db.dataSource());
            long total = 0;
            long events = 0;
            for (long file : files) {
                long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE file_id = ?", Long.class, file);
                long t0 = System.nanoTime();
                AggregateMaintainer.FoldResult result = aggregates.addFile(file);
                long ns = System.nanoTime() - t0;
                total += ns;
                events += n;
                System.out.printf(Locale.ROOT, "FOLD file=%d events=%d %s %.1f s (%.0f events/s)%n", file, n, result,
                        ns / 1e9, n / (ns / 1e9));
            }
            System.out.printf(Locale.ROOT, "FOLD total events=%d seconds=%.1f events_per_s=%.0f%n", events,
                    total / 1e9, events / (total / 1e9));
        }
    }
}
