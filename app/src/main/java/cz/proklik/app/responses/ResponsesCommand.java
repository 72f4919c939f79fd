package cz.proklik.app.responses;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.csv.CsvRows;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.response.ResponseDao;
import cz.proklik.erp.response.ResponsesCsvImporter;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code proklik responses import FILE}: responses tracked outside Proklik (reply, call, visit) as events. */
@Command(name = "responses", mixinStandardHelpOptions = true,
        description = "Responses tracked elsewhere (reply, call, visit, other).",
        subcommands = {ResponsesCommand.Import.class})
public final class ResponsesCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import responses from a CSV (columns: campaign_id, recipient_id, kind, time, note). "
                    + "Importing a file again adds nothing; bad rows are listed with their lines (exit 1).")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        ResponsesCommand responses;

        @Parameters(paramLabel = "FILE", description = "the CSV file")
        Path file;

        @Option(names = "--charset", defaultValue = "UTF-8", paramLabel = "CHARSET",
                description = "the file's encoding, e.g. windows-1250 for a CSV saved by Excel on a Czech Windows"
                        + " (${DEFAULT-VALUE})")
        Charset charset;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = responses.context.out();
            PrintWriter err = responses.context.err();
            try (Database db = responses.context.openMigratedDatabase()) {
                ResponsesCsvImporter.Result result;
                try {
                    result = new ResponsesCsvImporter(new ResponseDao(db.dataSource()),
                            new CampaignDao(db.dataSource())).importFile(file, charset);
                } catch (CsvRows.BadEncodingException | CsvRows.BadHeaderException e) {
                    err.println(TerminalText.safe(file.getFileName() + ": " + e.getMessage()));
                    return 1;
                }
                for (CsvRows.RowError error : result.errors()) {
                    err.println(TerminalText.safe(file.getFileName() + ":" + error.line() + ": " + error.reason()));
                }
                out.println("Responses: " + result.rows() + " rows, " + result.imported() + " imported, "
                        + result.alreadyThere() + " already there, " + result.errors().size() + " refused");
                return result.errors().isEmpty() ? 0 : 1;
            }
        }
    }
}
