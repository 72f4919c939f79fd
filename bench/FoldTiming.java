import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.db.Database;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fold on its own (issue 18 item 1): empties the aggregates of a PROKLIK_HOME's embedded H2 that `proklik import`
 * filled, then folds each imported file again with the product's AggregateMaintainer.addFile and prints the time per
 * file beside the time the import job's own steps took for the same files (its job repository), so the fold's cost
 * can be read against the insert's on the same data and machine.
 *
 * Usage: java -Xmx512m -cp app/target/proklik.jar bench/FoldTiming.java HOME
 */
public class FoldTiming {
    public static void main(String[] args) {
        try (Database db = Database.embedded(Path.of(args[0]))) {
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
            AggregateMaintainer aggregates = new AggregateMaintainer(db.dataSource());
            List<Long> files = jdbc.queryForList(
                    "SELECT file_id FROM pkl_import_file WHERE status = 'imported' ORDER BY file_id", Long.class);
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
