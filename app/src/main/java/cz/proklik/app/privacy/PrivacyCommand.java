package cz.proklik.app.privacy;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.privacy.RecipientErasure;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code proklik privacy forget ID...}: the right to erasure for recipients (docs/privacy.md). */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = "Personal data on request (retention runs with every import; see docs/privacy.md).",
        subcommands = PrivacyCommand.Forget.class)
public final class PrivacyCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Erase recipients: their id is replaced by a random token everywhere Proklik stored it,"
                    + " their e-mail address, client addresses and user agents are cleared; campaign figures stay."
                    + " Run it after an import run, so no click log still waiting holds their events.")
    static final class Forget implements Callable<Integer> {
        @ParentCommand
        PrivacyCommand privacy;

        @Parameters(paramLabel = "RECIPIENT", arity = "1..*", description = "recipient (ERP contact) ids")
        List<String> recipients;

        @Override
        public Integer call() {
            PrintWriter out = privacy.context.out();
            try (Database db = privacy.context.openMigratedDatabase()) {
                RecipientErasure erasure = new RecipientErasure(db.dataSource());
                for (String recipient : recipients) {
                    Map<String, Integer> changed = erasure.forget(recipient);
                    int total = changed.values().stream().mapToInt(Integer::intValue).sum();
                    String shown = TerminalText.safe(recipient);
                    out.println(total == 0 ? shown + ": nothing stored"
                            : shown + ": erased (" + changed.entrySet().stream().filter(e -> e.getValue() > 0)
                                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                                    + ")");
                }
            }
            return 0;
        }
    }
}
