package cz.proklik.app.segments;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.segment.SavedSegment;
import cz.proklik.erp.segment.SegmentDao;
import cz.proklik.erp.segment.SegmentMember;
import cz.proklik.erp.segment.SegmentRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static cz.proklik.report.TerminalText.safe;

/**
 * {@code proklik segments save|list|show}: reaction segments (target groups) saved by name. Members are read live
 * from the view {@code pkl_segment_member}, which the ERP joins too; a mailer list takes one with
 * {@code --where segment=NAME}.
 */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = "Reaction segments (target groups) of a campaign, saved by name.",
        subcommands = {SegmentsCommand.Save.class, SegmentsCommand.ListSegments.class, SegmentsCommand.Show.class})
public final class SegmentsCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "save", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Save a segment (a segment of the same name is replaced).")
    static final class Save implements Callable<Integer> {
        @ParentCommand
        SegmentsCommand parent;

        @Parameters(paramLabel = "NAME", description = "segment name, 1-64 of [A-Za-z0-9._:-]")
        String name;

        @Option(names = "--campaign", required = true, paramLabel = "C")
        String campaign;

        @Option(names = "--rule", required = true, paramLabel = "RULE",
                description = "clicked_link (with --link), clicked_any, opened_not_clicked, ordered, not_opened,"
                        + " unsubscribed; opens and clicks count only when clean (no bot/scanner/pre-fetch flag)")
        String rule;

        @Option(names = "--link", paramLabel = "L", description = "the element of the e-mail, for clicked_link")
        String link;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Override
        public Integer call() {
            SavedSegment segment = UsageException.ifInvalid(() -> new SavedSegment(name, campaign,
                    SegmentRule.fromCode(rule), link, description, Instant.now()));
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                CampaignDao campaigns = new CampaignDao(db.dataSource());
                if (!campaigns.exists(campaign)) {
                    throw new UsageException("no campaign " + campaign + " (register it with 'campaigns add')");
                }
                SegmentDao segments = new SegmentDao(db.dataSource());
                segments.save(segment);
                if (link != null && campaigns.links(campaign).stream().map(CampaignLink::linkId)
                        .noneMatch(link::equals)) {
                    out.println("Note: link " + link + " is not registered for campaign " + campaign
                            + "; the segment fills once clean clicks on it are imported");
                }
                out.printf("Segment %s saved: %s; now %d member(s)%n", name, safe(segment.ruleText()),
                        segments.members(name).size());
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the saved segments.")
    static final class ListSegments implements Callable<Integer> {
        @ParentCommand
        SegmentsCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                SegmentDao segments = new SegmentDao(db.dataSource());
                Map<String, Integer> counts = segments.memberCounts();
                for (SavedSegment s : segments.all()) {
                    out.printf("%-24s %-40s %6d member(s)  %s%n", s.id(), safe(s.ruleText()),
                            counts.getOrDefault(s.id(), 0), s.description() == null ? "" : safe(s.description()));
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "The members of a segment now, with when each qualified.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        SegmentsCommand parent;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                SegmentDao segments = new SegmentDao(db.dataSource());
                SavedSegment segment = segments.find(name).orElseThrow(() -> new UsageException("no segment " + name));
                List<SegmentMember> members = segments.members(name);
                out.printf("%s  %s%s%n", segment.id(), safe(segment.ruleText()),
                        segment.description() == null ? "" : "  " + safe(segment.description()));
                out.printf("%d member(s)%n", members.size());
                for (SegmentMember m : members) {
                    out.printf("  %-24s since %s%n", safe(m.contactId()), m.since() == null ? "-" : m.since());
                }
            }
            return 0;
        }
    }
}
