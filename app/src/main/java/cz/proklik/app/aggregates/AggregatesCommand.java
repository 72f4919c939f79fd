package cz.proklik.app.aggregates;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
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
        @ParentCommand
        AggregatesCommand aggregates;

        @Override
        public Integer call() {
            PrintWriter out = aggregates.context.out();
            PrintWriter err = aggregates.context.err();
            AggregateMaintainer.RebuildSummary summary;
            try (Database db = aggregates.context.openMigratedDatabase()) {
                AggregateMaintainer maintainer = new AggregateMaintainer(db.dataSource(), Clock.systemUTC(), db.engine());
                maintainer.rebuildInProgress().ifPresent(p -> err.printf(
                        "An earlier rebuild (started %s, %,d of %,d raw events folded) did not finish;"
                                + " this one starts over.%n", p.startedAt(), p.eventsDone(), p.eventsUpto()));
                long[] lastPrinted = {System.nanoTime()};
                summary = maintainer.rebuild((done, upto) -> {
                    // A rebuild of tens of millions of events takes a while: say how far it is, every ~10 s.
                    if (System.nanoTime() - lastPrinted[0] > 10_000_000_000L || done == upto) {
                        err.printf("  folded raw events up to id %,d of %,d%n", done, upto);
                        err.flush();
                        lastPrinted[0] = System.nanoTime();
                    }
                });
            }
            out.printf("Aggregates rebuilt from raw events (ids up to %,d) in %.1f s%s%n", summary.eventsUpto(),
                    summary.took().toMillis() / 1e3, summary.filesFoldedAfter() == 0 ? ""
                            : "; then folded " + summary.filesFoldedAfter() + " file(s) imported meanwhile");
            return 0;
        }
    }
}
