package cz.proklik.erp.db;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.importfile.QuarantineDao;
import cz.proklik.erp.importfile.QuarantinedLine;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The locks only SQL Server takes, asserted as the statements the real DAOs send to a real H2 file (H2 parses and
 * ignores table hints, so the races themselves only show on SQL Server). Review finding 6: every check-then-insert
 * reads the table it is about to insert into {@code WITH (UPDLOCK, HOLDLOCK)}, so that two writers of the same new
 * key queue instead of both inserting it. Finding 5: the rebuild locks the source rows before it deletes their
 * counts, the order the import side takes them in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockingStatementsTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    static Path home;
    private Database database;
    private StatementRecorder recorder;

    @BeforeAll
    void open() {
        database = Database.embedded(home);
        SchemaMigrator.of(database).migrate();
        recorder = new StatementRecorder(database.dataSource());
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void campaignsLinksAndVariantsLockTheirKeyBeforeInserting() {
        CampaignDao campaigns = new CampaignDao(recorder.dataSource());
        recorder.take();
        campaigns.register(Campaign.draft("L1", "Locks", null, "locks_1"));
        assertChecksLock(recorder.take(), "pkl_campaign");
        campaigns.saveLink(new CampaignLink("L1", "hero", "Hero", "https://shop.example.com/", 1));
        assertChecksLock(recorder.take(), "pkl_campaign_link");
        campaigns.saveVariant(new CampaignVariant("L1", "A", "Subject A", new BigDecimal("50")));
        assertChecksLock(recorder.take(), "pkl_campaign_variant");
        assertThat(campaigns.links("L1")).hasSize(1);
    }

    @Test
    void sendsAndTheirCountsLockTheirKeysBeforeInserting() {
        new CampaignDao(database.dataSource()).register(Campaign.draft("L2", "Sends", null, "locks_2"));
        SendDao sends = new SendDao(recorder.dataSource());
        recorder.take();
        sends.upsert(List.of(Send.sent("L2", "R1", "r1@example.com", null, T0)));
        List<String> sent = recorder.take();
        assertChecksLock(sent, "pkl_send");
        assertChecksLock(sent, "pkl_agg_send");

        assertThat(sends.markBounced("L2", "R1", BounceKind.HARD, T0.plusSeconds(60), "no such user")).isTrue();
        List<String> bounced = recorder.take();
        assertThat(bounced.stream().filter(sql -> reads(sql, "pkl_send")).findFirst()).get()
                .satisfies(sql -> assertThat(locks(sql, "pkl_send")).as(sql).isTrue());
    }

    @Test
    void unsubscribesAndTheirCountsLockTheirKeysBeforeInserting() {
        UnsubscribeDao unsubscribes = new UnsubscribeDao(recorder.dataSource());
        recorder.take();
        assertThat(unsubscribes.record("L3", "R1", T0, "00000000-0000-4000-8000-000000000001")).isTrue();
        List<String> sent = recorder.take();
        assertChecksLock(sent, "pkl_unsubscribe");
        assertChecksLock(sent, "pkl_agg_unsubscribe");
    }

    @Test
    void importFilesAndQuarantinedLinesLockTheirKeysBeforeInserting() {
        ImportFileDao files = new ImportFileDao(recorder.dataSource());
        recorder.take();
        long fileId = files.start("node1-20261125-080000.csv", "node1", "ab".repeat(32), 10L, T0);
        assertChecksLock(recorder.take(), "pkl_import_file");

        QuarantineDao quarantine = new QuarantineDao(recorder.dataSource());
        assertThat(quarantine.addAll(List.of(new QuarantinedLine(fileId, 3, "bad_csv", "unclosed quote", "x,\"y",
                false, T0)))).isEqualTo(1);
        assertChecksLock(recorder.take(), "pkl_quarantine");
    }

    @Test
    void theRebuildLocksEachSourceBeforeItDeletesItsCounts() {
        AggregateMaintainer aggregates = new AggregateMaintainer(recorder.dataSource());
        recorder.take();
        aggregates.rebuild();
        List<String> sent = recorder.take();
        for (String[] sourceAndCounts : new String[][] {{"pkl_send", "pkl_agg_send"},
                {"pkl_unsubscribe", "pkl_agg_unsubscribe"}}) {
            int lock = indexOf(sent, "(?is)FROM\\s+" + sourceAndCounts[0] + "\\s+WITH\\s*\\(UPDLOCK, HOLDLOCK\\)");
            int delete = indexOf(sent, "(?is)^\\s*DELETE\\s+FROM\\s+" + sourceAndCounts[1] + "\\b");
            int refill = indexOf(sent, "(?is)^\\s*INSERT\\s+INTO\\s+" + sourceAndCounts[1] + "\\b");
            assertThat(lock).as("%s locked", sourceAndCounts[0]).isNotNegative();
            assertThat(lock).as("%s locked before %s is deleted", sourceAndCounts[0], sourceAndCounts[1])
                    .isLessThan(delete);
            assertThat(delete).isLessThan(refill);
        }
    }

    private static int indexOf(List<String> statements, String regex) {
        Pattern p = Pattern.compile(regex);
        for (int i = 0; i < statements.size(); i++) {
            if (p.matcher(statements.get(i)).find()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Before (or in) each INSERT into {@code table}, the statements of the operation read the key: every one of them
     * that reads {@code table} does so with the hint, and there is at least one.
     */
    private static void assertChecksLock(List<String> statements, String table) {
        int insert = -1;
        for (int i = 0; i < statements.size(); i++) {
            if (Pattern.compile("(?is)^\\s*INSERT\\s+INTO\\s+" + table + "\\b").matcher(statements.get(i)).find()) {
                insert = i;
                break;
            }
        }
        assertThat(insert).as("an INSERT INTO %s among %s", table, statements).isNotNegative();
        List<String> checks = statements.subList(0, insert + 1).stream().filter(sql -> reads(sql, table)).toList();
        assertThat(checks).as("statements reading %s up to its INSERT", table).isNotEmpty()
                .allSatisfy(sql -> assertThat(locks(sql, table)).as(sql).isTrue());
    }

    /** Reads {@code table}: an UPDATE of it, or it in a FROM/JOIN (an INSERT's own target does not count). */
    private static boolean reads(String sql, String table) {
        return Pattern.compile("(?is)\\b(UPDATE|FROM|JOIN)\\s+" + table + "\\b").matcher(sql).find();
    }

    private static boolean locks(String sql, String table) {
        return Pattern.compile("(?is)\\b(UPDATE|FROM|JOIN)\\s+" + table + "(\\s+\\w+)?\\s+WITH\\s*\\(\\s*UPDLOCK\\s*,\\s*HOLDLOCK\\s*\\)")
                .matcher(sql).find()
                && !Pattern.compile("(?is)\\b(UPDATE|FROM|JOIN)\\s+" + table + "(\\s+(?!WITH\\b)\\w+)?\\s+(?!WITH\\b)(SET|WHERE|ON)\\b")
                .matcher(sql).find();
    }
}
