package cz.proklik.app.template;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.erp.mailing.card.CampaignCardDao;
import cz.proklik.mailer.render.CompiledTemplate;
import cz.proklik.mailer.render.TemplateCompiler;
import cz.proklik.mailer.template.TemplateFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import static cz.proklik.report.TerminalText.safe;

/** {@code proklik template import|list|show}: e-mail templates authored as files, stored in the database. */
@Command(name = "template", mixinStandardHelpOptions = true, description = "Import and list e-mail templates.",
        subcommands = {TemplateCommand.Import.class, TemplateCommand.ListTemplates.class, TemplateCommand.Show.class})
public final class TemplateCommand {
    @ParentCommand
    CommandContext context;

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import (or replace) a template from its folder: template.properties and LANG[.SHOP].html.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        TemplateCommand parent;

        @Parameters(paramLabel = "DIR|FILE", description = "the template folder, or its template.properties")
        Path path;

        @Override
        public Integer call() throws Exception {
            StoredTemplate t = UsageException.ifInvalid(() -> {
                try {
                    return TemplateFiles.read(path, Clock.systemUTC());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
                }
            });
            try (Database db = parent.context.openMigratedDatabase()) {
                List<String> frozen = new CampaignCardDao(db.dataSource()).sendingCampaignsOfTemplate(t.id());
                if (!frozen.isEmpty()) {
                    throw new UsageException("template " + t.id() + " is frozen: campaign(s) " + frozen
                            + " have been sent with it (import it under a new id)");
                }
                new TemplateDao(db.dataSource()).save(t);
            }
            PrintWriter out = parent.context.out();
            out.println("Template " + t.id() + " imported: " + t.versions().size() + " version(s)");
            for (StoredTemplateVersion v : t.versions()) {
                CompiledTemplate c = TemplateCompiler.compile(t, v);
                out.printf("  %-3s %-16s %2d tracked link(s)  %s%n", v.language(), v.shop(), c.links().size(),
                        safe(v.subject()));
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored templates.")
    static final class ListTemplates implements Callable<Integer> {
        @ParentCommand
        TemplateCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                for (String[] row : new TemplateDao(db.dataSource()).list()) {
                    out.printf("%-24s %2s version(s)  %s%n", safe(row[0]), row[2], safe(row[1]));
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a template's versions and the tracked links with their element ids.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        TemplateCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                StoredTemplate t = new TemplateDao(db.dataSource()).find(id)
                        .orElseThrow(() -> new UsageException("no template " + id));
                out.println(t.id() + "  " + safe(t.name()) + "  from " + safe(t.fromAddress())
                        + (t.fromName() == null ? "" : " (" + safe(t.fromName()) + ")"));
                for (StoredTemplateVersion v : t.versions()) {
                    out.println(v.language() + "/" + v.shop() + ": " + safe(v.subject()));
                    TemplateCompiler.compile(t, v).links().forEach(l -> out.printf("  %-20s %-4s %s  [%s]%n",
                            safe(l.elementId()), l.inMso() ? "mso" : "", safe(l.href().strip()), safe(l.description())));
                }
            }
            return 0;
        }
    }
}
