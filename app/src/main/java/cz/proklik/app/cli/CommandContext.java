package cz.proklik.app.cli;

import cz.proklik.app.config.ProklikConfig;
import cz.proklik.erp.db.Database;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.function.Function;

/**
 * What every command gets from the command line around it: the configuration, where to print, and the database.
 * A top-level command receives it with {@code @ParentCommand CommandContext context}; a sub-subcommand reaches it
 * through its parent. Commands never open the database or build settings any other way.
 */
public interface CommandContext {
    /** The layered configuration (built-in defaults, user file, environment), without any command's flags. */
    ProklikConfig config();

    /**
     * The configuration with the {@code proklik.*} flags given to this command on top, so that a settings factory
     * ({@code RedirectConfig.from(...)}, {@code ImportConfig.from(...)}) sees flags, environment and files alike.
     */
    ProklikConfig config(CommandSpec command);

    /**
     * Settings of one component from {@link #config(CommandSpec)} through its factory, e.g.
     * {@code context.settings(ImportConfig::from, spec)}; a value the factory refuses is a {@link UsageException}.
     */
    default <T> T settings(Function<ProklikConfig, T> factory, CommandSpec command) {
        ProklikConfig withFlags = config(command);
        return UsageException.ifInvalid(() -> factory.apply(withFlags));
    }

    PrintWriter out();

    PrintWriter err();

    /** The configured database as it is; closing it is the caller's job. */
    Database openDatabase();

    /** The configured database, its schema installed or upgraded first unless proklik.db.migrate-on-start is false. */
    Database openMigratedDatabase();
}
