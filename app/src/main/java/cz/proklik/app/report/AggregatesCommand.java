package cz.proklik.app.report;

import cz.proklik.app.ProklikCli;
import cz.proklik.app.db.DatabaseAccess;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.db.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code proklik aggregates rebuild}: recompute every campaign aggregate from the raw events, which stay the source
 * of truth. Needed after flags changed on events already counted, or a send's variant or time was corrected.
 */
@Command(name = "aggregates", mixinStandardHelpOptions = true,
        description = "Maintain the aggregates behind the evaluation views.", subcommands = AggregatesCommand.Rebuild.class)
public final class AggregatesCommand {
    @ParentCommand
    ProklikCli root;

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = "Recompute all aggregates from the raw events (pkl_event).")
    static final class Rebuild implements Callable<Integer> {
        @ParentCommand
        AggregatesCommand aggregates;

        @Override
        public Integer call() {
            long start = System.nanoTime();
            try (Database db = DatabaseAccess.openMigrated(aggregates.root.config())) {
                new AggregateMaintainer(db.dataSource()).rebuild();
            }
            aggregates.root.spec().commandLine().getOut().printf("Aggregates rebuilt from raw events in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }
}
