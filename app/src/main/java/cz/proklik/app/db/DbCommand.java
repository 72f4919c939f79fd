package cz.proklik.app.db;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code proklik db migrate|info|check}: install, upgrade and inspect the plug-in's schema (Flyway, docs/schema.md). */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Install, upgrade or inspect the database schema.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class, DbCheckCommand.class})
public final class DbCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Install or upgrade the pkl_ tables and views (safe to run again).")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            PrintWriter out = db.context.out();
            try (Database database = db.context.openDatabase()) {
                SchemaMigrator.Result result = SchemaMigrator.of(database).migrate();
                for (SchemaMigrator.Applied applied : result.applied()) {
                    out.println("applied " + (applied.version() == null ? "(repeatable)" : applied.version()) + " "
                            + applied.description());
                }
                out.println("schema version " + SchemaMigrator.of(database).currentVersion() + " on "
                        + database.engine().name().toLowerCase(Locale.ROOT)
                        + (result.applied().isEmpty() ? " (already current)" : ""));
            }
            return 0;
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "List migrations and their state.")
    static final class Info implements Callable<Integer> {
        @ParentCommand
        DbCommand db;

        @Override
        public Integer call() {
            PrintWriter out = db.context.out();
            try (Database database = db.context.openDatabase()) {
                for (SchemaMigrator.Info info : SchemaMigrator.of(database).info()) {
                    out.printf("%-8s %-10s %s%n", info.version() == null ? "R" : info.version(), info.state(),
                            info.description());
                }
            }
            return 0;
        }
    }
}
