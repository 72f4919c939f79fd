package cz.proklik.app.list;

import cz.proklik.app.cli.CommandContext;
import cz.proklik.app.cli.UsageException;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Ids;
import cz.proklik.erp.mailing.card.CampaignCardDao;
import cz.proklik.erp.mailing.list.Criterion;
import cz.proklik.erp.mailing.list.CriterionField;
import cz.proklik.erp.mailing.list.ListDao;
import cz.proklik.erp.mailing.list.MailList;
import cz.proklik.erp.mailing.suppression.BounceSuppressions;
import cz.proklik.erp.mailing.suppression.StoredSuppressions;
import cz.proklik.erp.segment.SegmentDao;
import cz.proklik.mailer.lists.CriteriaParser;
import cz.proklik.mailer.lists.CsvListImport;
import cz.proklik.mailer.lists.Exclusion;
import cz.proklik.mailer.lists.ListEvaluation;
import cz.proklik.mailer.lists.ListEvaluator;
import cz.proklik.mailer.lists.ListRecipient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import static cz.proklik.report.TerminalText.safe;

/** {@code proklik list create|import|show|list}: recipient lists from ERP criteria, reactions or a CSV file. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Recipient lists of the mailer.",
        subcommands = {ListCommand.Create.class, ListCommand.Import.class, ListCommand.Show.class,
                ListCommand.ListLists.class})
public final class ListCommand {
    @ParentCommand
    CommandContext context;

    /** Every suppression source: what Proklik stored (unsubscribes, hard bounces) and the bounce mailbox's. */
    public static ListEvaluator evaluator(Database db) {
        return new ListEvaluator(new ListDao(db.dataSource()), List.of(new StoredSuppressions(db.dataSource()),
                new BounceSuppressions(db.dataSource())));
    }

    /** The list as it stands now. */
    /** A list that a campaign has been sent to stays as it was (docs/mailer-sending.md). */
    static void refuseFrozen(Database db, String listId) {
        List<String> frozen = new CampaignCardDao(db.dataSource()).sendingCampaignsOfList(listId);
        if (!frozen.isEmpty()) {
            throw new UsageException("list " + listId + " is frozen: campaign(s) " + frozen
                    + " have been sent to it (save a new list)");
        }
    }

    public static ListEvaluation evaluate(Database db, String listId) {
        MailList list = new ListDao(db.dataSource()).find(listId)
                .orElseThrow(() -> new UsageException("no list " + listId));
        return evaluator(db).evaluate(list);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Save a criteria list; it is evaluated again at every use.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        ListCommand parent;

        @Parameters(paramLabel = "ID", description = "list id, 1-64 of [A-Za-z0-9._:-]")
        String id;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--where", required = true, paramLabel = "CRITERION",
                description = "FIELD OP VALUE, all must hold, e.g. order_count>=2 region=Praha product_group=coffee"
                        + " last_order>=2026-01-01 clicked=C1/hero opened_not_clicked=C1 segment=NAME (a saved segment,"
                        + " 'segments save'; docs/mailer.md)")
        List<String> where;

        @Override
        public Integer call() {
            UsageException.ifInvalid(() -> Ids.requireId("list id", id));
            List<Criterion> criteria = UsageException.ifInvalid(() -> where.stream().map(CriteriaParser::parse).toList());
            MailList list = new MailList(id, name, MailList.Kind.CRITERIA, null, Instant.now(), criteria);
            try (Database db = parent.context.openMigratedDatabase()) {
                refuseFrozen(db, id);
                SegmentDao segments = new SegmentDao(db.dataSource());
                for (Criterion c : criteria) {
                    if (c.field() == CriterionField.SEGMENT && segments.find(c.value()).isEmpty()) {
                        throw new UsageException("no segment " + c.value() + " (save it with 'segments save')");
                    }
                }
                new ListDao(db.dataSource()).save(list, List.of());
                ListEvaluation now = evaluator(db).evaluate(list);
                parent.context.out().printf("List %s saved: %s; now %d recipient(s), %d excluded%n",
                        id, safe(criteria.stream().map(Criterion::toString).collect(Collectors.joining(" AND "))),
                        now.recipients().size(), now.excluded().size());
            }
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Import a list from CSV (header: contact_id and/or email); bad lines are reported and left out.")
    static final class Import implements Callable<Integer> {
        @ParentCommand
        ListCommand parent;

        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "FILE.csv")
        Path file;

        @Option(names = "--name")
        String name;

        @Override
        public Integer call() throws Exception {
            UsageException.ifInvalid(() -> Ids.requireId("list id", id));
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase();
                 Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                refuseFrozen(db, id);
                ListDao dao = new ListDao(db.dataSource());
                CsvListImport.Result r;
                try {
                    r = new CsvListImport(dao).read(in);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(file + ": " + e.getMessage());
                }
                dao.save(new MailList(id, name == null ? file.getFileName().toString() : name, MailList.Kind.IMPORTED,
                        file.getFileName().toString(), Instant.now(), List.of()), r.members());
                out.printf("List %s imported from %s: %d member(s), %d line(s) refused%n", id, file.getFileName(),
                        r.members().size(), r.problems().size());
                for (CsvListImport.Problem p : r.problems()) {
                    out.printf("  line %d: %s %s%n", p.lineNo(), p.reason(), p.detail() == null ? "" : safe(p.detail()));
                }
                return r.problems().isEmpty() ? 0 : 1;
            } catch (MalformedInputException e) {
                throw new UsageException(file + " is not UTF-8");
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Evaluate a list now: who gets the mail, and with --excluded who does not and why.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ListCommand parent;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--excluded", description = "list the excluded contacts with their reasons")
        boolean excluded;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                MailList list = new ListDao(db.dataSource()).find(id)
                        .orElseThrow(() -> new UsageException("no list " + id));
                ListEvaluation e = evaluator(db).evaluate(list);
                out.printf("%s  %s  (%s%s)%n", list.id(), safe(list.name()), list.kind().name().toLowerCase(Locale.ROOT),
                        safe(list.criteria().isEmpty() ? ", from " + list.sourceName() : ": " + list.criteria().stream()
                                .map(Criterion::toString).collect(Collectors.joining(" AND "))));
                out.printf("%d recipient(s), %d excluded%n", e.recipients().size(), e.excluded().size());
                for (ListRecipient r : e.recipients()) {
                    out.printf("  %-20s %s%n", safe(r.contactId()), safe(r.email()));
                }
                if (excluded) {
                    out.println("excluded:");
                    for (Exclusion x : e.excluded()) {
                        out.printf("  %-20s %-32s %s%n", safe(x.contactId()), x.email() == null ? "-" : safe(x.email()),
                                x.reasons().stream().map(s -> s.reason().code()
                                        + (s.detail() == null ? "" : " (" + safe(s.detail()) + ")"))
                                        .collect(Collectors.joining(", ")));
                    }
                }
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the saved lists.")
    static final class ListLists implements Callable<Integer> {
        @ParentCommand
        ListCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.context.out();
            try (Database db = parent.context.openMigratedDatabase()) {
                for (MailList l : new ListDao(db.dataSource()).all()) {
                    out.printf("%-20s %-9s %s%n", l.id(), l.kind().name().toLowerCase(Locale.ROOT), safe(l.name()));
                }
            }
            return 0;
        }
    }
}
