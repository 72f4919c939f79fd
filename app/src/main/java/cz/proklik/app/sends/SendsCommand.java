package cz.proklik.app.sends;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendsCsvImporter;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code proklik sends import FILE}: per-recipient sends from a CSV, when the ERP's own module sent the mailing. */
@Command(name = "sends", mixinStandardHelpOptions = true, description = "Per-recipient sends (sent, failed, bounced).",
        subcommands = {SendsCommand.Import.class})
public final class SendsCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import sends from a CSV (columns: campaign_id, recipient_id, email, status, variant, "
                    + "sent_at, error_text, bounce_kind, bounced_at). Importing a file again changes nothing.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        SendsCommand sends;

        @Parameters(paramLabel = "FILE", description = "the CSV file")
        Path file;

        @Option(names = "--charset", defaultValue = "UTF-8", paramLabel = "CHARSET",
                description = "the file's encoding, e.g. windows-1250 for a CSV saved by Excel on a Czech Windows"
                        + " (${DEFAULT-VALUE})")
        Charset charset;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = sends.context.out();
            PrintWriter err = sends.context.err();
            try (Database db = sends.context.openMigratedDatabase()) {
                SendsCsvImporter.Result result;
                try {
                    result = new SendsCsvImporter(new SendDao(db.dataSource()), new CampaignDao(db.dataSource()))
                            .importFile(file, charset);
                } catch (CsvRows.BadEncodingException e) {
                    err.println(TerminalText.safe(file.getFileName() + ": " + e.getMessage()));
                    return 1;
                }
                for (CsvRows.RowError error : result.errors()) {
                    err.println(TerminalText.safe(file.getFileName() + ":" + error.line() + ": " + error.reason()));
                }
                out.println("Sends: " + result.rows() + " rows, " + result.imported() + " imported, "
                        + result.errors().size() + " refused");
                return result.errors().isEmpty() ? 0 : 1;
            }
        }
    }
}
