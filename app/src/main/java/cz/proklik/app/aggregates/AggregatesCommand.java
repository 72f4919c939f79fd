package cz.proklik.app.aggregates;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code proklik aggregates rebuild}: recompute every campaign aggregate from the raw events, which stay the source
 * of truth. Needed after flags changed on events already counted, or a send's variant or time was corrected.
 */
@Command(name = "aggregates", mixinStandardHelpOptions = true,
        description = "Maintain the aggregates behind the evaluation views.", subcommands = AggregatesCommand.Rebuild.class)
public final class AggregatesCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Recompute all aggregates from the raw events (pkl_event).")
    static final class Rebuild implements Callable<Integer> {
        static final String TEMP_DIR = "proklik.aggregates.rebuild-temp-dir";
        static final String SLICE = "proklik.aggregates.rebuild-slice";

        @ParentCommand
        AggregatesCommand aggregates;

        @Override
        public Integer call() {
            PrintWriter out = aggregates.context.out();
            PrintWriter err = aggregates.context.err();
            AggregateMaintainer.RebuildSummary summary;
            Path tempDir = Path.of(aggregates.context.config().get(TEMP_DIR).strip());
            int slice = Integer.parseInt(aggregates.context.config().get(SLICE).strip());
            if (slice < 0) {
                throw new IllegalArgumentException(SLICE + " must not be negative: " + slice);
            }
            try (Database db = aggregates.context.openMigratedDatabase()) {
                AggregateMaintainer maintainer = new AggregateMaintainer(db.dataSource(), Clock.systemUTC(),
                        slice == 0 ? AggregateMaintainer.rebuildSlice(db.engine()) : slice,
                        AggregateMaintainer.foldGroupEvents(db.engine()), tempDir);
                maintainer.rebuildInProgress().ifPresent(p -> err.printf(
                        "An earlier rebuild (started %s, %,d of %,d raw events folded) did not finish;"
                                + " this one starts over.%n", p.startedAt(), p.eventsDone(), p.eventsUpto()));
                long[] lastPrinted = {System.nanoTime()};
                summary = maintainer.rebuild(new AggregateMaintainer.RebuildListener() {
                    // A rebuild of tens of millions of events takes a while: say how far it is, every ~10 s.
                    @Override
                    public void folded(long done, long upto) {
                        if (due() || done == upto) {
                            err.printf("  read raw events up to id %,d of %,d%n", done, upto);
                            err.flush();
                        }
                    }

                    @Override
                    public void inserted(String table, long rows) {
                        if (due()) {
                            err.printf("  inserted %,d rows of %s%n", rows, table);
                            err.flush();
                        }
                    }

                    private boolean due() {
                        if (System.nanoTime() - lastPrinted[0] > 10_000_000_000L) {
                            lastPrinted[0] = System.nanoTime();
                            return true;
                        }
                        return false;
                    }
                });
            }
            out.printf("Aggregates rebuilt from raw events (ids up to %,d) in %.1f s%s%n", summary.eventsUpto(),
                    summary.took().toMillis() / 1e3, summary.filesFoldedAfter() == 0 ? ""
                            : "; then folded " + summary.filesFoldedAfter() + " file(s) imported meanwhile");
            out.printf("  steps: %s; sorted runs on disk: %,d bytes (deleted)%n", String.join(", ",
                    summary.phases().entrySet().stream().map(p -> "%s %.1f s".formatted(p.getKey(),
                            p.getValue().toMillis() / 1e3)).toList()), summary.spilledBytes());
            return 0;
        }
    }
}
