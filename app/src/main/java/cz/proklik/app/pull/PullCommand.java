package cz.proklik.app.pull;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.PullConfig;
import cz.proklik.erp.db.Database;
import cz.proklik.pull.NodeOutcome;
import cz.proklik.pull.Pull;
import cz.proklik.pull.PullSettings;
import cz.proklik.pull.TransferListener;
import cz.proklik.report.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code proklik pull [--node NAME]}: the closed click-log files of the configured redirect nodes over SFTP into
 * their local folders, and the node's copies of files already imported removed (docs/pull.md). Exit code 1 when a
 * node failed or a file did not match; the others are pulled all the same.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Fetch closed click-log files from the redirect nodes over SFTP (proklik.pull.nodes).")
public final class PullCommand implements Callable<Integer> {
    @ParentCommand
    CommandContext context;

    @Spec
    CommandSpec spec;

    @Option(names = "--node", description = "only this node (default: every node of proklik.pull.nodes)")
    String node;

    @Override
    public Integer call() {
        PullSettings settings = context.settings(PullConfig::from, spec);
        if (settings.nodes().isEmpty()) {
            throw new UsageException("no pull nodes configured: set " + PullConfig.NODES + " (docs/pull.md)");
        }
        if (node != null && settings.nodes().stream().noneMatch(n -> n.name().equals(node))) {
            throw new UsageException("--node " + node + " is not one of " + PullConfig.NODES);
        }
        try (Database database = context.openMigratedDatabase()) {
            List<NodeOutcome> outcomes = new Pull(settings, PullConfig.importedIn(database), TransferListener.NONE)
                    .run(node);
            boolean fine = true;
            for (NodeOutcome outcome : outcomes) {
                PrintWriter to = outcome.needsAttention() ? context.err() : context.out();
                to.println("Pull " + TerminalText.safe(outcome.describe()));
                fine &= !outcome.needsAttention();
            }
            return fine ? 0 : 1;
        }
    }
}
