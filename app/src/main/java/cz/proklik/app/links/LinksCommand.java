package cz.proklik.app.links;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.keys.KeyRingSource;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.linktoken.LinkTokenDao;
import cz.proklik.erp.send.SendDao;
import cz.proklik.mailer.mint.LinkMinter;
import cz.proklik.mailer.mint.MintRecipient;
import cz.proklik.mailer.mint.RecipientFile;
import cz.proklik.report.TerminalText;
import cz.proklik.tracking.link.LinkCodec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code proklik links mint}: pre-sign a campaign's links for its recipients into {@code pkl_link_token}, where the
 * ERP's own bulk e-mail keywords look them up (docs/link-format.md, "Links made inside the ERP").
 */
@Command(name = "links", mixinStandardHelpOptions = true,
        description = "Pre-signed tracking links for keywords the ERP expands itself.",
        subcommands = {LinksCommand.Mint.class})
public final class LinksCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "mint", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Sign every registered link of a campaign (campaigns links add), its open pixel and its"
                    + " unsubscribe link for each recipient, into pkl_link_token; a recipient minted again gets its"
                    + " links replaced.")
    static final class Mint implements Callable<Integer> {
        @ParentCommand
        LinksCommand links;

        @Option(names = "--campaign", required = true, description = "the campaign id")
        String campaign;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--recipients", paramLabel = "FILE",
                    description = "CSV with a header: recipient_id (the ERP contact id), optional variant")
            Path file;

            @Option(names = "--from-sends", description = "the campaign's recipients in pkl_send, with their variant")
            boolean fromSends;
        }

        @Option(names = "--charset", defaultValue = "UTF-8", paramLabel = "CHARSET",
                description = "encoding of the --recipients file (${DEFAULT-VALUE})")
        Charset charset;

        @Option(names = "--base-url", descriptionKey = "proklik.link.base-url",
                description = "base URL of the redirect page (default: ${DEFAULT-VALUE})")
        String baseUrl;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = links.context.out();
            PrintWriter err = links.context.err();
            List<MintRecipient> recipients;
            List<CsvRows.RowError> refused = List.of();
            try (Database db = links.context.openMigratedDatabase()) {
                if (source.file != null) {
                    RecipientFile.Result read = readFile(source.file, charset);
                    recipients = read.recipients();
                    refused = read.refused();
                } else {
                    recipients = new SendDao(db.dataSource()).byCampaign(campaign).stream()
                            .map(s -> new MintRecipient(s.recipientId(), s.variant())).toList();
                }
                for (CsvRows.RowError p : refused) {
                    err.println(TerminalText.safe(source.file.getFileName() + ":" + p.line() + ": " + p.reason()));
                }
                LinkCodec codec = new LinkCodec(new KeyRingSource(links.context.config()).loadOrCreate());
                LinkMinter.Minted minted;
                try {
                    minted = new LinkMinter(new CampaignDao(db.dataSource()), new LinkTokenDao(db.dataSource()),
                            codec, baseUrl, Clock.systemUTC()).mint(campaign, recipients);
                } catch (LinkMinter.NotMintable e) {
                    err.println(TerminalText.safe(e.getMessage()));
                    return 1;
                }
                out.println(TerminalText.safe("Campaign " + campaign + ": " + minted.links() + " links minted for "
                        + minted.recipients() + " recipients (" + minted.linksPerRecipient() + " each: "
                        + (minted.linksPerRecipient() - 2) + " click links, @open, @unsubscribe), key "
                        + minted.keyId() + (refused.isEmpty() ? "" : "; " + refused.size() + " lines refused")));
                return refused.isEmpty() ? 0 : 1;
            }
        }

        private static RecipientFile.Result readFile(Path file, Charset charset) throws IOException {
            try {
                CsvRows.checkEncoding(file, charset);
                try (Reader in = Files.newBufferedReader(file, charset)) {
                    return RecipientFile.read(in);
                }
            } catch (CsvRows.BadHeaderException | CsvRows.BadEncodingException e) {
                throw new UsageException(file.getFileName() + ": " + e.getMessage());
            }
        }
    }
}
