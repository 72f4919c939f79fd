package cz.proklik.sqlguard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The offline guard over the scripts of the {@code sql} module, as SQL Server would run them:
 * <ul>
 *   <li>the SQL Server locations ({@code migration/}, {@code vendor/sqlserver/}, {@code standin/}) and both Helios
 *       adapter scripts are split by Flyway's SQLServerParser and every batch must pass {@link BatchRules} and
 *       {@link DialectRules};</li>
 *   <li>the H2 locations ({@code migration/}, {@code vendor/h2/}, {@code standin/}) hold no {@code GO} line (H2
 *       rejects it);</li>
 *   <li>every versioned vendor migration exists for both engines, and a twin not listed in
 *       {@link #ENGINE_SPECIFIC} is, minus its {@code GO} lines and whole-line comments, its H2 sibling.</li>
 * </ul>
 */
final class ScriptGuard {

    /**
     * Vendor twins whose content differs by design (docs/schema.md, "Per-engine differences"); every other twin
     * is the same SQL split into batches.
     */
    static final Set<String> ENGINE_SPECIFIC = Set.of(
            "V1_1__pkl_event_engine_specific.sql",
            "V1_2__pkl_batch_job_repository.sql",
            "V2_8__pkl_ids_binary_collation_and_indexes.sql",
            "V3_1__pkl_standin_contact_greeting.sql",
            "V3_3__pkl_mail_lists.sql",
            "V3_4__pkl_mail_campaigns.sql",
            "V4_0__pkl_bounce_tables.sql",
            "V4_1__pkl_eval_bounce_views.sql",
            "V7_0__pkl_link_token.sql",
            "V8_0__pkl_responses.sql",
            "V8_1__pkl_erp_send.sql",
            "V9_0__pkl_segments.sql",
            "V9_1__pkl_followups.sql",
            "V10_0__pkl_mail_delivery.sql",
            "V12_0__pkl_event_file_index_for_the_fold.sql",
            "V14_0__pkl_erp_order_shop.sql",
            "V19_0__pkl_triggers.sql",
            "V19_1__pkl_erp_cart_item.sql");

    static final String RESOURCES = "src/main/resources/db/proklik";
    static final String ID_COLLATION = "Latin1_General_100_BIN2";
    private static final Pattern TEXT_CAST_WITHOUT_COLLATE = Pattern.compile(
            "NVARCHAR\\((\\d+|MAX)\\)\\)(?!\\s*(COLLATE\\b|AS\\s+NVARCHAR))", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID_WITH_DEFAULT_COLLATION = Pattern.compile(
            "COLLATE\\s+DATABASE_DEFAULT\\s+AS\\s+(\\w+_id)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID_COLUMN_WITHOUT_BINARY = Pattern.compile(
            "\\b(campaign_id|recipient_id|link_id|variant|contact_id|organisation_id|order_id|product_id"
                    + "|return_of_order_id)\\s+NVARCHAR\\s*\\(\\d+\\)(?!\\s*COLLATE\\s+" + "Latin1_General_100_BIN2)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VERSION = Pattern.compile("V(\\d+)(?:_(\\d+))?(?:_\\d+)*__.*\\.sql");
    private static final Pattern GO_LINE = Pattern.compile("(?im)^[ \\t]*GO[ \\t]*\\r?$");

    private final Path sqlModule;
    private int batches;
    private int files;

    ScriptGuard(Path sqlModule) {
        this.sqlModule = sqlModule;
    }

    int batchesChecked() {
        return batches;
    }

    int filesChecked() {
        return files;
    }

    List<Problem> check() {
        List<Problem> problems = new ArrayList<>();
        Path root = sqlModule.resolve(RESOURCES);
        for (Path script : sqlServerScripts()) {
            String text = read(script);
            String name = sqlModule.relativize(script).toString().replace('\\', '/');
            files++;
            if (after28(script)) {
                problems.addAll(idCollations(name, text));
            }
            for (SqlServerBatches.Batch batch : SqlServerBatches.split(text)) {
                batches++;
                problems.addAll(BatchRules.check(name, batch));
                problems.addAll(DialectRules.check(name + ":" + batch.line(), batch.sql()));
            }
        }
        for (String location : List.of("migration", "vendor/h2", "standin")) {
            for (Path script : sqlFiles(root.resolve(location))) {
                if (GO_LINE.matcher(read(script)).find()) {
                    problems.add(new Problem(sqlModule.relativize(script).toString(), "go-in-h2-location",
                            "H2 runs this file and rejects GO: move the file to vendor/h2 + vendor/sqlserver twins"));
                }
            }
        }
        problems.addAll(twins(root.resolve("vendor/h2"), root.resolve("vendor/sqlserver")));
        for (String product : List.of("helios-green", "helios-orange")) {
            for (Path script : sqlFiles(sqlModule.resolve(product))) {
                problems.addAll(adapterCollations(product + "/" + script.getFileName(), read(script)));
            }
        }
        return problems;
    }

    /**
     * V2_8 gave every id column that existed then the binary collation; a table made by a later version must
     * declare it itself in its SQL Server script, or its ids compare case-insensitively and clash (Msg 468) with
     * ours in every join.
     */
    static List<Problem> idCollations(String name, String script) {
        List<Problem> problems = new ArrayList<>();
        String code = SqlText.code(script);
        Matcher id = ID_COLUMN_WITHOUT_BINARY.matcher(code);
        while (id.find()) {
            problems.add(new Problem(name + ":" + SqlText.lineOf(code, id.start()), "id-column-not-binary",
                    id.group(1) + " needs COLLATE " + ID_COLLATION + " on SQL Server (docs/schema.md)"));
        }
        return problems;
    }

    private static boolean after28(Path script) {
        Matcher v = VERSION.matcher(script.getFileName().toString());
        if (!v.matches()) {
            return false;
        }
        int major = Integer.parseInt(v.group(1));
        int minor = v.group(2) == null ? 0 : Integer.parseInt(v.group(2));
        return major > 2 || (major == 2 && minor > 8);
    }

    /**
     * The adapter views' text must not carry the Helios columns' own collation into our comparisons: every text
     * cast says COLLATE, ids the binary one of our id columns (docs/schema.md, "Ids and collation").
     */
    static List<Problem> adapterCollations(String name, String script) {
        List<Problem> problems = new ArrayList<>();
        String code = SqlText.code(script);
        Matcher bare = TEXT_CAST_WITHOUT_COLLATE.matcher(code);
        while (bare.find()) {
            problems.add(new Problem(name + ":" + SqlText.lineOf(code, bare.start()), "adapter-text-without-collate",
                    "cast text with COLLATE DATABASE_DEFAULT (ids: COLLATE " + ID_COLLATION + ")"));
        }
        Matcher id = ID_WITH_DEFAULT_COLLATION.matcher(code);
        while (id.find()) {
            problems.add(new Problem(name + ":" + SqlText.lineOf(code, id.start()), "adapter-id-not-binary",
                    id.group(1) + " must be COLLATE " + ID_COLLATION + " like Proklik's id columns"));
        }
        return problems;
    }

    /** The scripts SQL Server runs, in a stable order. */
    List<Path> sqlServerScripts() {
        Path root = sqlModule.resolve(RESOURCES);
        List<Path> scripts = new ArrayList<>();
        for (String location : List.of("migration", "vendor/sqlserver", "standin")) {
            scripts.addAll(sqlFiles(root.resolve(location)));
        }
        scripts.addAll(sqlFiles(sqlModule.resolve("helios-green")));
        scripts.addAll(sqlFiles(sqlModule.resolve("helios-orange")));
        return scripts;
    }

    private static List<Problem> twins(Path h2, Path sqlServer) {
        List<Problem> problems = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        names.addAll(names(h2));
        names.addAll(names(sqlServer));
        for (String name : names) {
            Path h2File = h2.resolve(name);
            Path sqlServerFile = sqlServer.resolve(name);
            if (!Files.exists(h2File) || !Files.exists(sqlServerFile)) {
                problems.add(new Problem("vendor/*/" + name, "twin-missing",
                        "a vendor migration must exist for both engines (an engine-neutral no-op is fine)"));
            } else if (!ENGINE_SPECIFIC.contains(name)) {
                if (!statementLines(read(sqlServerFile)).equals(statementLines(read(h2File)))) {
                    problems.add(new Problem("vendor/sqlserver/" + name, "twin-drift",
                            "minus its GO lines and comments it differs from vendor/h2/" + name
                                    + ": change both, or list it as engine-specific in ScriptGuard and docs/schema.md"));
                }
            }
        }
        return problems;
    }

    /**
     * The SQL of a script for comparing twins: every line but GO lines, blank lines and whole-line comments (a
     * twin may say in its comments which engine it is for and why it splits where it does).
     */
    static List<String> statementLines(String script) {
        return script.lines().filter(l -> !l.isBlank() && !l.strip().startsWith("--")
                && !l.strip().equalsIgnoreCase("GO")).map(String::stripTrailing).toList();
    }

    private static Set<String> names(Path dir) {
        Set<String> names = new TreeSet<>();
        for (Path p : sqlFiles(dir)) {
            names.add(p.getFileName().toString());
        }
        return names;
    }

    private static List<Path> sqlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
