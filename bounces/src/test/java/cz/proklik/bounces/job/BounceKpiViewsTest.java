package cz.proklik.bounces.job;

import cz.proklik.bounces.BounceFixture;
import cz.proklik.bounces.fetch.FolderSource;
import cz.proklik.bounces.parse.BounceParser;
import cz.proklik.bounces.suppress.SuppressionRules;
import cz.proklik.bounces.suppress.SuppressionSettings;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.bounce.BounceKpiDao;
import cz.proklik.erp.bounce.BounceStore;
import cz.proklik.erp.bounce.SuppressionDao;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The bounce and list-health views after the whole corpus went through the import, against figures counted by
 * hand from bounce-corpus/expected.tsv: campaign C1 went to 31 addresses, 25 of its recipients bounced (15 hard,
 * 10 soft, of which 6 blocks against the sender), 2 complained, 2 auto-replied; C0 (2026-11-01) and C2 (2026-12-10)
 * went to the same 31 addresses, and C-OLD (2026-05-01) to two more, one of which opened it on 2026-11-20.
 */
class BounceKpiViewsTest {
    @TempDir
    Path dir;
    BounceFixture world;
    BounceKpiDao kpis;

    @BeforeEach
    void importTheCorpus() throws Exception {
        world = new BounceFixture(dir.resolve("home"));
        new CampaignDao(world.db.dataSource()).register(Campaign.draft("C-OLD", "Old", "Jaro", "2026-05-01_old"));
        Instant may = Instant.parse("2026-05-01T08:00:00Z");
        new SendDao(world.db.dataSource()).upsert(List.of(Send.sent("C-OLD", "R90", "old.one@example.cz", null, may),
                Send.sent("C-OLD", "R91", "old.two@example.cz", null, may)));
        new RawEventDao(world.db.dataSource()).insertBatch(null, List.of(new RawEvent(UUID.randomUUID().toString(),
                Instant.parse("2026-11-20T10:00:00Z"), "open", "GET", "C-OLD", "R91", null, null, null, "k1", null,
                null, null, "n1", null, 1L, EventFlags.NONE)));
        new AggregateMaintainer(world.db.dataSource()).rebuild();

        Path in = Files.createDirectories(dir.resolve("in"));
        for (String f : BounceImportTest.corpus()) {
            Files.write(in.resolve(f), world.corpusFile(f));
        }
        BounceStore store = new BounceStore(world.db.dataSource());
        BounceImport job = new BounceImport(world.db, new BounceParser(Set.of("news@proklik.example")),
                world.analyzer(), new SuppressionRules(SuppressionSettings.DEFAULTS, store,
                new SuppressionDao(world.db.dataSource()), BounceImportTest.CLOCK), BounceImportTest.CLOCK, 10);
        try (FolderSource source = new FolderSource(in, dir.resolve("done"))) {
            job.run(source, 1000, Duration.ZERO, line -> { });
        }
        kpis = new BounceKpiDao(world.db.dataSource());
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void complaintRateIsComplaintsOverDeliveredAndDeliveredIsSentMinusBounced() {
        assertThat(kpis.complaints("C1")).get().satisfies(c -> {
            assertThat(c.sent()).isEqualTo(31);
            assertThat(c.bounced()).isEqualTo(25);
            assertThat(c.delivered()).isEqualTo(6);
            assertThat(c.complaints()).isEqualTo(2);
            assertThat(c.complaintRate()).isEqualByComparingTo(new BigDecimal("0.3333"));
            assertThat(c.blocked()).isEqualTo(6);
            assertThat(c.autoReplies()).isEqualTo(2);
        });
        assertThat(kpis.complaints("C0")).get().satisfies(c -> {
            assertThat(c.delivered()).isEqualTo(31);
            assertThat(c.complaints()).isZero();
            assertThat(c.complaintRate()).isEqualByComparingTo(BigDecimal.ZERO);
        });
    }

    @Test
    void bounceReasonsPerCampaign() {
        assertThat(kpis.reasons("C1")).extracting(BounceKpiDao.BounceReason::kind, BounceKpiDao.BounceReason::reason,
                BounceKpiDao.BounceReason::recipients).containsExactlyInAnyOrder(
                tuple("hard", "user_unknown", 13), tuple("hard", "host_unknown", 1), tuple("hard", "has_moved", 1),
                tuple("soft", "policy_blocked", 4), tuple("soft", "mailbox_full", 2), tuple("soft", "expired", 1),
                tuple("soft", "mailbox_disabled", 1), tuple("soft", "message_too_large", 1),
                tuple("soft", "content_filtered", 1), tuple("complaint", "complaint", 2),
                tuple("auto_reply", "auto_reply", 2));
        assertThat(kpis.reasons("C0")).isEmpty();
    }

    @Test
    void listHealthGrowthAndChurnPerMonth() {
        assertThat(kpis.healthByMonth()).containsExactly(
                new BounceKpiDao.ListHealthMonth(LocalDate.parse("2026-05-01"), 2, 0, 0, 0, 0),
                new BounceKpiDao.ListHealthMonth(LocalDate.parse("2026-11-01"), 31, 0, 0, 0, 0),
                new BounceKpiDao.ListHealthMonth(LocalDate.parse("2026-12-01"), 0, 0, 15, 2, 17));
    }

    @Test
    void shareInactiveAmongTheMailableAddressesAsOfTheLatestSend() {
        assertThat(kpis.inactive()).get().satisfies(i -> {
            assertThat(i.asOf()).isEqualTo(Instant.parse("2026-12-10T08:00:00Z"));
            assertThat(i.addresses()).as("33 mailed, 15 suppressed after a hard bounce").isEqualTo(18);
            assertThat(i.eligible90()).isEqualTo(2);
            assertThat(i.inactive90()).isEqualTo(1);
            assertThat(i.share90()).isEqualByComparingTo(new BigDecimal("0.5000"));
            assertThat(i.eligible180()).isEqualTo(2);
            assertThat(i.inactive180()).isEqualTo(1);
            assertThat(i.share180()).isEqualByComparingTo(new BigDecimal("0.5000"));
        });
    }
}
