package cz.proklik.erp.followup;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.db.StatementRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's once-per-rule-and-recipient insert on a real H2 file: it takes the key's lock before it checks
 * (what SQL Server acts on, asserted as the statement sent), and a writer that loses a real race to another
 * connection's uncommitted item adds nothing and does not fail.
 */
class FollowupQueueTest {
    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");

    @TempDir
    Path home;
    private Database db;
    private FollowupDao dao;
    private int ruleId;

    @BeforeEach
    void open() {
        db = Database.embedded(home);
        SchemaMigrator.of(db).migrate();
        new CampaignDao(db.dataSource()).register(Campaign.draft("C1", "Advent", null, "2026-11-25_advent"));
        dao = new FollowupDao(db.dataSource());
        ruleId = dao.addRule(new FollowupRule(null, "C1", FollowupTrigger.CLICKED_ANY, null, ItemKind.TASK, "novak",
                "Call {name}", T0, null));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private FollowupItem item(String recipient) {
        return FollowupItem.queued(ruleId, "C1", recipient, ItemKind.TASK, "novak", "Call " + recipient,
                "clicked_any", "00000000-0000-7000-8000-000000000001", null, T0, T0.plusSeconds(60));
    }

    @Test
    void theInsertLocksTheKeyBeforeItChecksAndAddsAnItemOnce() {
        StatementRecorder recorder = new StatementRecorder(db.dataSource());
        FollowupDao recorded = new FollowupDao(recorder.dataSource());
        recorder.take();
        assertThat(recorded.queueOnce(List.of(item("R1"), item("R2")))).isEqualTo(2);
        assertThat(recorder.take()).filteredOn(sql -> sql.startsWith("INSERT INTO pkl_followup")).hasSize(2)
                .allSatisfy(sql -> assertThat(sql).contains("NOT EXISTS (SELECT 1 FROM pkl_followup WITH (UPDLOCK, HOLDLOCK)"));
        assertThat(recorded.queueOnce(List.of(item("R1"), item("R3")))).as("R1 has its item").isEqualTo(1);
        assertThat(new JdbcTemplate(db.dataSource()).queryForList(
                "SELECT recipient_id FROM pkl_followup ORDER BY recipient_id", String.class))
                .containsExactly("R1", "R2", "R3");
    }

    @Test
    void aWriterThatLosesTheRaceToAnUncommittedItemAddsNothing() throws Exception {
        try (Connection other = db.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement("""
                    INSERT INTO pkl_followup (rule_id, campaign_id, recipient_id, item_kind, owner, item_text,
                        trigger_kind, triggered_at, status, created_at)
                    VALUES (?, 'C1', 'R1', 'task', 'novak', 'first', 'clicked_any', ?, 'new', ?)""")) {
                insert.setInt(1, ruleId);
                insert.setTimestamp(2, Timestamp.valueOf("2026-11-25 08:00:00"));
                insert.setTimestamp(3, Timestamp.valueOf("2026-11-25 08:01:00"));
                insert.executeUpdate();
            }
            // The other import run has not committed yet: this one cannot see the item, tries, and waits on the key.
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> dao.queueOnce(List.of(item("R1"))));
            Thread.sleep(300);
            other.commit();
            assertThat(second.get(30, TimeUnit.SECONDS)).isZero();
        }
        assertThat(new JdbcTemplate(db.dataSource()).queryForList("SELECT item_text FROM pkl_followup", String.class))
                .containsExactly("first");
    }
}
