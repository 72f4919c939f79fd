package cz.proklik.app.campaign;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignLinksCsvImporter;
import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.Database;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code proklik campaigns links add|import|list}: register the parts of a campaign's e-mail with their descriptions
 * without SQL, so "which part of the e-mail" lists links nobody clicked too, and {@code links mint} knows their
 * targets.
 */
@Command(name = "links", mixinStandardHelpOptions = true, description = "A campaign's links (parts of the e-mail).",
        subcommands = {CampaignLinksCommand.Add.class, CampaignLinksCommand.Import.class,
                CampaignLinksCommand.ListLinks.class})
public final class CampaignLinksCommand {
    @ParentCommand
    CampaignsCommand campaigns;

    private CommandContext context() {
        return campaigns.context;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Register a link of a campaign, or update it (same campaign and link).")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        CampaignLinksCommand links;

        @Parameters(index = "0", paramLabel = "CAMPAIGN", description = "a registered campaign")
        String campaign;

        @Parameters(index = "1", paramLabel = "LINK", description = "element id as in the links, e.g. hero, btn-order")
        String link;

        @Option(names = "--description", required = true, description = "which part of the e-mail, e.g. 'hero image'")
        String description;

        @Option(names = "--target", paramLabel = "URL", description = "absolute http(s) URL the link leads to")
        String target;

        @Option(names = "--position", paramLabel = "N", description = "order in the e-mail (0, 1, ...)")
        Integer position;

        @Override
        public Integer call() {
            CampaignLink value = UsageException.ifInvalid(
                    () -> CampaignLink.registered(campaign, link, description, target, position));
            try (Database db = links.context().openMigratedDatabase()) {
                CampaignDao dao = new CampaignDao(db.dataSource());
                if (!dao.exists(campaign)) {
                    throw new UsageException("no campaign " + campaign + " (register it first: campaigns add)");
                }
                dao.saveLink(value);
                links.context().out().println(TerminalText.safe("Link " + link + " of campaign " + campaign
                        + " registered" + (value.targetUrl() == null ? "" : " -> " + value.targetUrl())));
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Register links from a CSV (header: campaign, link, description, target, position)."
                    + " Bad rows are listed with their line; the good ones are registered. Importing"
                    + " a file again changes nothing.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        CampaignLinksCommand links;

        @Parameters(paramLabel = "FILE", description = "the CSV file")
        Path file;

        @Option(names = "--charset", defaultValue = "UTF-8", paramLabel = "CHARSET",
                description = "the file's encoding, e.g. windows-1250 for a CSV saved by Excel on a Czech Windows"
                        + " (${DEFAULT-VALUE})")
        Charset charset;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = links.context().out();
            PrintWriter err = links.context().err();
            try {
                CsvRows.checkEncoding(file, charset);
            } catch (CsvRows.BadEncodingException e) {
                err.println(TerminalText.safe(file.getFileName() + ": " + e.getMessage()));
                return 1;
            }
            try (Database db = links.context().openMigratedDatabase();
                 Reader in = Files.newBufferedReader(file, charset)) {
                CampaignLinksCsvImporter.Result result;
                try {
                    result = new CampaignLinksCsvImporter(new CampaignDao(db.dataSource())).importFrom(in);
                } catch (CsvRows.BadHeaderException e) {
                    throw new UsageException(file.getFileName() + ": " + e.getMessage());
                }
                for (CsvRows.RowError p : result.refused()) {
                    err.println(TerminalText.safe(file.getFileName() + ":" + p.line() + ": " + p.reason()));
                }
                out.println("Campaign links: " + result.rows() + " rows, " + result.registered() + " registered, "
                        + result.refused().size() + " refused");
                return result.refused().isEmpty() ? 0 : 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a campaign's links in e-mail order.")
    static final class ListLinks implements Callable<Integer> {
        @ParentCommand
        CampaignLinksCommand links;

        @Parameters(paramLabel = "CAMPAIGN")
        String campaign;

        @Override
        public Integer call() {
            PrintWriter out = links.context().out();
            try (Database db = links.context().openMigratedDatabase()) {
                CampaignDao dao = new CampaignDao(db.dataSource());
                if (!dao.exists(campaign)) {
                    throw new UsageException("no campaign " + campaign);
                }
                List<CampaignLink> all = dao.links(campaign);
                out.printf("%-4s %-24s %-40s %s%n", "pos", "link", "description", "target");
                for (CampaignLink l : all) {
                    out.printf("%-4s %-24s %-40s %s%n", l.position() == null ? "-" : l.position(),
                            TerminalText.safe(l.linkId()), TerminalText.safe(l.description() == null ? "" : l.description()),
                            TerminalText.safe(l.targetUrl() == null ? "(no target)" : l.targetUrl()));
                }
                out.println(all.size() + " link(s)");
            }
            return 0;
        }
    }
}
