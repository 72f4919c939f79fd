package cz.proklik.app;

import cz.proklik.app.aggregates.AggregatesCommand;
import cz.proklik.app.bounces.BouncesCommand;
import cz.proklik.app.campaign.CampaignCommand;
import cz.proklik.app.campaign.CampaignsCommand;
import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.CommandFlags;
import cz.proklik.app.config.ConfigDefaultProvider;
import cz.proklik.app.config.LoggingConfig;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.app.db.DatabaseAccess;
import cz.proklik.app.db.DbCommand;
import cz.proklik.app.demo.DemoCommand;
import cz.proklik.app.flags.FlagsCommand;
import cz.proklik.app.followups.FollowupsCommand;
import cz.proklik.app.importing.ImportCommand;
import cz.proklik.app.keys.KeysCommand;
import cz.proklik.app.link.LinkCommand;
import cz.proklik.app.links.LinksCommand;
import cz.proklik.app.list.ListCommand;
import cz.proklik.app.logging.OperatorLog;
import cz.proklik.app.privacy.PrivacyCommand;
import cz.proklik.app.pull.PullCommand;
import cz.proklik.app.report.ReportCommand;
import cz.proklik.app.responses.ResponsesCommand;
import cz.proklik.app.segments.SegmentsCommand;
import cz.proklik.app.sends.SendsCommand;
import cz.proklik.app.serve.ServeCommand;
import cz.proklik.app.template.TemplateCommand;
import cz.proklik.app.triggers.TriggersCommand;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaVersion;
import cz.proklik.report.TerminalText;
import cz.proklik.tracking.clicklog.ClickLogFormat;
import cz.proklik.tracking.link.LinkCodec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Properties;

/**
 * {@code proklik}: one command line over every part of Proklik, and the {@link CommandContext} its commands get.
 * Commands know only the context, never this class, so the list below is the one place naming them all.
 */
@Command(name = "proklik", mixinStandardHelpOptions = true, versionProvider = ProklikCli.Version.class,
        description = "Click statistics for bulk e-mail from the ERP.%n"
                + "Configuration: see proklik.properties (README); flags override environment and files.",
        subcommands = {ServeCommand.class, KeysCommand.class, LinkCommand.class, LinksCommand.class, DbCommand.class,
                PullCommand.class, ImportCommand.class, SendsCommand.class, ResponsesCommand.class,
                CampaignsCommand.class, AggregatesCommand.class, FlagsCommand.class,
                ReportCommand.class, PrivacyCommand.class, BouncesCommand.class, TemplateCommand.class,
                ListCommand.class, SegmentsCommand.class, FollowupsCommand.class, TriggersCommand.class,
                CampaignCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class ProklikCli implements Runnable, CommandContext {
    @Spec
    CommandSpec spec;

    private final ProklikConfig config;

    @Option(names = "--logging-level", descriptionKey = "proklik.logging.level",
            description = "level of Proklik's own log lines: ERROR, WARN, INFO, DEBUG, TRACE (${DEFAULT-VALUE})")
    String loggingLevel;

    @Option(names = "--logging-dir", descriptionKey = "proklik.logging.dir",
            description = "folder of the rotated log files, empty = console only (${DEFAULT-VALUE})")
    String loggingDir;

    public ProklikCli(ProklikConfig config) {
        this.config = config;
    }

    @Override
    public ProklikConfig config() {
        return config;
    }

    @Override
    public ProklikConfig config(CommandSpec command) {
        return config.withFlags(CommandFlags.given(command));
    }

    @Override
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Database openDatabase() {
        return UsageException.ifInvalid(() -> DatabaseAccess.open(config));
    }

    @Override
    public Database openMigratedDatabase() {
        return UsageException.ifInvalid(() -> DatabaseAccess.openMigrated(config));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'proklik help'");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs one command and returns its exit code: 0 success, 1 failure, 2 wrong usage or configuration. Everything
     * it prints passes {@link TerminalText#guard}, so data can never steer the terminal it is shown on.
     */
    public static int run(String[] args, Map<String, String> env, PrintWriter rawOut, PrintWriter rawErr) {
        PrintWriter out = TerminalText.guard(rawOut);
        PrintWriter err = TerminalText.guard(rawErr);
        try {
            return execute(args, env, out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        ProklikConfig config;
        try {
            config = ProklikConfig.load(env);
        } catch (RuntimeException e) {
            err.println("proklik: configuration error: " + e.getMessage());
            return 2;
        }
        CommandLine cli = new CommandLine(new ProklikCli(config))
                .setDefaultValueProvider(new ConfigDefaultProvider(config))
                .setOut(out)
                .setErr(err)
                // Colours would be escape sequences, which the output guard shows as '?'.
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(parsed -> withOperatorLog(parsed, config, err))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("proklik " + commandLine.getCommandName() + ": " + message(e));
                    return e instanceof UsageException ? 2 : 1;
                });
        return cli.execute(args);
    }

    /**
     * The operator's log (proklik.logging.*, with --logging-level/--logging-dir on top) set up for the command about
     * to run, then the command. Help and --version write no log file.
     */
    private static int withOperatorLog(CommandLine.ParseResult parsed, ProklikConfig config, PrintWriter err) {
        boolean helpOnly = false;
        String command = "proklik";
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            helpOnly |= p.isUsageHelpRequested() || p.isVersionHelpRequested();
            if (p != parsed && command.equals("proklik")) {
                command = p.commandSpec().name();
            }
        }
        if (!helpOnly) {
            try {
                OperatorLog.apply(LoggingConfig.from(config.withFlags(CommandFlags.given(parsed.commandSpec())),
                        command));
            } catch (IllegalArgumentException e) {
                err.println("proklik: configuration error: " + e.getMessage());
                return 2;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }

    /** The version, the commit it was built from, and the contract versions this build writes and reads. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            Properties build = new Properties();
            try (InputStream in = ProklikCli.class.getResourceAsStream("/proklik-build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            }
            String commit = build.getProperty("commit", "");
            if (commit.isEmpty() || commit.startsWith("${")) {
                commit = "unknown";
            } else if ("true".equals(build.getProperty("dirty"))) {
                commit += " (with uncommitted changes)";
            }
            return new String[]{"proklik " + build.getProperty("version", "dev") + ", commit " + commit,
                    "link format " + LinkCodec.VERSION + "; click-log format "
                            + ClickLogFormat.VERSION_CELL.replace("proklik-clicklog-v", "")
                            + " (reads " + ClickLogFormat.VERSION_CELL_V1.replace("proklik-clicklog-v", "") + " too); "
                            + "database schema " + SchemaVersion.newestKnown()};
        }
    }
}
