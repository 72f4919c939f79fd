package cz.proklik.app.flags;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.ImportConfig;
import cz.proklik.app.config.IpRangeOptions;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.event.FlagRecomputeDao;
import cz.proklik.importer.flag.FlagRecompute;
import cz.proklik.importer.job.ImportSettings;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code proklik flags recompute}: the flag rules again over stored events, with the configuration as it is now
 * (docs/flags.md), then the aggregates brought up to date.
 */
@Command(name = "flags", mixinStandardHelpOptions = true, description = "Maintain the events' flags.",
        subcommands = FlagsCommand.Recompute.class)
public final class FlagsCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "recompute", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Run every flag rule again over stored events, then update the aggregates.")
    static final class Recompute implements Callable<Integer> {
        @ParentCommand
        FlagsCommand flags;

        @Spec
        CommandSpec spec;

        @Option(names = "--campaign", paramLabel = "C", description = "only this campaign's events")
        String campaign;

        @Option(names = "--since", paramLabel = "DATE",
                description = "only events at or after this UTC date (2026-11-25) or time (2026-11-25T08:00:00Z)")
        String since;

        @Mixin
        IpRangeOptions ipRanges;

        @Override
        public Integer call() {
            CommandContext context = flags.context;
            FlagRecomputeDao.Selection selection = new FlagRecomputeDao.Selection(campaign, parseSince(since));
            ImportSettings settings = context.settings(config -> ImportConfig.from(config, false), spec);
            PrintWriter out = context.out();
            FlagRecompute.Summary summary;
            try (Database db = context.openMigratedDatabase()) {
                summary = FlagRecompute.of(db.dataSource(), settings, Clock.systemUTC()).run(selection);
            }
            out.printf("Flags recomputed (rules version %d) over %,d events in %.1f s: %,d changed%s%n",
                    FlagRecompute.RULES_VERSION, summary.events(), summary.took().toMillis() / 1e3, summary.changed(),
                    aggregates(summary.campaignsRebuilt()));
            return 0;
        }

        private static String aggregates(List<String> campaigns) {
            if (campaigns.isEmpty()) {
                return "; aggregates unchanged";
            }
            if (campaigns.equals(List.of(AggregateMaintainer.CampaignsRebuilt.ALL))) {
                return "; all aggregates rebuilt (a rebuild was unfinished)";
            }
            return "; aggregates rebuilt for " + (campaigns.size() == 1 ? "campaign " : "campaigns ")
                    + TerminalText.safe(String.join(", ", campaigns));
        }

        private static Instant parseSince(String text) {
            if (text == null || text.isBlank()) {
                return Instant.EPOCH;
            }
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new UsageException("--since: not a date (2026-11-25) or UTC time (2026-11-25T08:00:00Z): "
                        + text);
            }
        }
    }
}
