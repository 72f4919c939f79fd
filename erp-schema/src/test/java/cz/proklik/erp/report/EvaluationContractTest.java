package cz.proklik.erp.report;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.aggregate.AggregateMaintainer.FoldResult;
import cz.proklik.erp.aggregate.OrderAttribution;
import cz.proklik.erp.aggregate.RebuildState;
import cz.proklik.erp.aggregate.Segment;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.db.Engine;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.FileCounts;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.report.TimelinePoint.Granularity;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The evaluation views and the aggregates behind them, on a data set small enough to compute on paper; every
 * expected number is derived in the comments. Written once, run on every engine (H2 now, SQL Server where Docker
 * exists). A subclass supplies a fresh database.
 *
 * <pre>
 * Campaign CA "Autumn coffee", sent S = 2026-11-02T09:00Z (Monday), attribution 5 days, variants A/B,
 *   links hero (1), btn (2), footer (3, never clicked).
 *   sends (all at S):       A: R01 sent, R03 sent, R05 bounced hard, R07 FAILED (not sent), R09 sent
 *                           B: R02 sent, R04 sent, R06 bounced soft, R08 sent, R10 sent
 *   => recipients 10, sent 9 (sent+bounced), failed 1, bounced 2 (1 hard, 1 soft), delivered 7
 *      A: recipients 5, sent 4, failed 1, bounced 1 hard, delivered 3;  B: 5, 5, 0, 1 soft, 4
 *   events (file 1 | file 2):
 *     opens  e1 R01 S+10m (f2)       e2 R01 S+2h (f1)            e3 R02 S+30m MPP-flagged (f1)
 *            e4 R03 S+1h05 (f1)      e5 R04 S+20m (f2)           e6 R08 S+25h (f2)
 *            e7 R09 S+2h50 (f2)      e10 R10 2026-11-09T08:00Z = S+167h (f2)
 *     clicks c1 R01 hero S+15m (f1)  c2 R01 btn S+2h05 (f2)      c4 R02 hero S+35m (f1)
 *            c5 R03 hero S+1h10 BOT (f1)                         c6 R04 btn S+21m HEAD prefetch (f1)
 *            c7 R04 hero S+40m (f2)  c8 R08 btn S+25h05 (f2)
 *     (R01's first open and R04's first clean click come in the later file: counted once, times min/max-ed)
 *     unsubscribe R09 S+3h (f2, and pkl_unsubscribe); one rejected event (f1, no campaign)
 *   opens raw 8, clean 7 (e3 out); unique opens raw 7 (R01,R02,R03,R04,R08,R09,R10), clean 6 (R02 out)
 *   clicks raw 7, clean 5 (c5, c6 out); unique clicks raw 5 (R01,R02,R03,R04,R08), clean 4 (R03 out)
 *   rates: delivery 7/9 = .7778, bounce 2/9 = .2222, open rate raw 7/7 = 1, clean 6/7 = .8571,
 *          CTR raw 5/7 = .7143, clean 4/7 = .5714, CTR total raw 7/7 = 1, clean 5/7 = .7143,
 *          CTOR raw 5/7 = .7143, clean 4/6 = .6667, unsubscribes 1, rate 1/7 = .1429
 *
 * Campaign CB "Winter tea", sent S2 = 2026-11-04T09:00Z, attribution 5 days, no variants, link tea (1).
 *   sends R01..R04 sent => recipients 4, sent 4, delivered 4
 *   events: e8 R01 open S2+1h (f1), d1 R01 click tea S2+1h01 (f1), d2 R02 click tea S2+2h (f2),
 *           e9 R03 open S2+5m (f2)
 *   opens 2/2, unique 2/2; clicks 2/2, unique 2/2; open rate, CTR, CTR total 2/4 = .5; CTOR 2/2 = 1
 *
 * Orders (stand-in ERP, CZK):
 *   O1 R04 2026-11-03T12:00 gross 1100 disc 100 net 1000: last clean click c7 (CA hero, 11-02 09:40),
 *      within 5 days -> CA, lagged (another day)
 *   O2 R08 2026-11-09T10:00 net 700: R08's only clean click c8 at 11-03 10:05, window ends 11-08 10:05 -> none
 *   O3 R01 2026-11-04T15:00 net 500: clean clicks c1, c2 (CA, 11-02) and d1 (CB, 11-04 10:01): d1 is the last
 *      -> CB, same session (same day)
 *   O4 R02 2026-11-02T12:00 gross 2000 disc 200 net 1800, returned partly by O4R (2026-11-05T08:00, net -300):
 *      clean click c4 (CA hero 09:35) -> CA, same session, revenue net 1800 - 300 = 1500; the return itself is
 *      never attributed although it lies within 5 days of R02's CB click d2
 *   O5 R03 2026-11-04T12:00 net 300: R03 only opened (its click c5 is a bot) -> none
 *   CA: orders 2 (1 same session, 1 lagged), buyers 2, gross 3100, returned 300, net 2500 (same session 1500,
 *       lagged 1000); CVR 2/4 = .5, AOV 2500/2 = 1250, RPE 2500/9 = 277.7778, RPR 2500/7 = 357.1429,
 *       EPPC 2500*1000/5 = 500000
 *   CB: orders 1 (same session), buyers 1, gross 500, net 500; CVR 1/2 = .5, AOV 500, RPE 500/4 = 125,
 *       RPR 500/4 = 125, EPPC 500*1000/2 = 250000
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EvaluationContractTest {

    static final Instant S = Instant.parse("2026-11-02T09:00:00Z");
    static final Instant S2 = Instant.parse("2026-11-04T09:00:00Z");
    static final EventFlags MPP = new EventFlags(false, false, false, true, false, "proxy", "Apple MPP", "unknown");
    static final EventFlags BOT = new EventFlags(true, false, false, false, false, "bot", "curl", "unknown");
    static final EventFlags HEAD = new EventFlags(false, false, true, false, false, "scanner", "unknown", "unknown");

    protected DataSource dataSource;
    protected JdbcTemplate jdbc;
    protected CampaignReportDao report;
    protected AggregateMaintainer aggregates;

    private long file1;
    private long file2;
    private final Map<String, RawEvent> events = new LinkedHashMap<>();

    /** Called by the subclass once its database exists: migrates it from scratch. */
    protected void useDatabase(DataSource ds, SchemaMigrator migrator) {
        this.dataSource = ds;
        migrator.migrate();
        this.jdbc = new JdbcTemplate(ds);
        this.report = new CampaignReportDao(ds);
        this.aggregates = new AggregateMaintainer(ds);
    }

    @BeforeEach
    void loadDataSet() {
        for (String table : List.of("pkl_agg_file_done", "pkl_agg_recipient", "pkl_agg_recipient_link",
                "pkl_agg_campaign", "pkl_agg_link", "pkl_agg_link_segment", "pkl_agg_send", "pkl_agg_hour",
                "pkl_agg_send_hour", "pkl_agg_click", "pkl_agg_attribution", "pkl_agg_unsubscribe", "pkl_agg_revenue",
                "pkl_event", "pkl_quarantine", "pkl_import_file", "pkl_unsubscribe", "pkl_send",
                "pkl_campaign_variant", "pkl_campaign_link", "pkl_campaign", "pkl_standin_order_line",
                "pkl_standin_order", "pkl_standin_product", "pkl_standin_contact", "pkl_standin_organisation")) {
            jdbc.update("DELETE FROM " + table);
        }
        jdbc.update("UPDATE pkl_agg_attribution_state SET dirty_since = NULL, refreshed_at = NULL");
        jdbc.update("UPDATE pkl_agg_rebuild_state SET run_id = NULL");
        events.clear();
        erp();
        campaigns();
        sends();
        ImportFileDao files = new ImportFileDao(dataSource);
        file1 = files.start("proklik-n1-20261102T090000000Z-000001.csv", "n1", "a1".repeat(32), 100L, S);
        file2 = files.start("proklik-n1-20261102T100000000Z-000002.csv", "n1", "b2".repeat(32), 100L, S);
        RawEventDao raw = new RawEventDao(dataSource);
        raw.insertBatch(file1, List.of(
                ev("e2", "open", "GET", "CA", "R01", null, "A", S.plus(m(120)), EventFlags.NONE),
                ev("e3", "open", "GET", "CA", "R02", null, "B", S.plus(m(30)), MPP),
                ev("e4", "open", "GET", "CA", "R03", null, "A", S.plus(m(65)), EventFlags.NONE),
                ev("c1", "click", "GET", "CA", "R01", "hero", "A", S.plus(m(15)), EventFlags.NONE),
                ev("c4", "click", "GET", "CA", "R02", "hero", "B", S.plus(m(35)), EventFlags.NONE),
                ev("c6", "click", "HEAD", "CA", "R04", "btn", "B", S.plus(m(21)), HEAD),
                ev("c5", "click", "GET", "CA", "R03", "hero", "A", S.plus(m(70)), BOT),
                ev("rj", "rejected", "GET", null, null, null, null, S.plus(m(50)), EventFlags.NONE),
                ev("e8", "open", "GET", "CB", "R01", null, null, S2.plus(m(60)), EventFlags.NONE),
                ev("d1", "click", "GET", "CB", "R01", "tea", null, S2.plus(m(61)), EventFlags.NONE)));
        raw.insertBatch(file2, List.of(
                ev("e1", "open", "GET", "CA", "R01", null, "A", S.plus(m(10)), EventFlags.NONE),
                ev("e5", "open", "GET", "CA", "R04", null, "B", S.plus(m(20)), EventFlags.NONE),
                ev("e6", "open", "GET", "CA", "R08", null, "B", S.plus(m(25 * 60)), EventFlags.NONE),
                ev("e7", "open", "GET", "CA", "R09", null, "A", S.plus(m(170)), EventFlags.NONE),
                ev("e10", "open", "GET", "CA", "R10", null, "B", Instant.parse("2026-11-09T08:00:00Z"),
                        EventFlags.NONE),
                ev("c2", "click", "GET", "CA", "R01", "btn", "A", S.plus(m(125)), EventFlags.NONE),
                ev("c7", "click", "GET", "CA", "R04", "hero", "B", S.plus(m(40)), EventFlags.NONE),
                ev("c8", "click", "GET", "CA", "R08", "btn", "B", S.plus(m(25 * 60 + 5)), EventFlags.NONE),
                ev("u9", "unsubscribe", "POST", "CA", "R09", null, "A", S.plus(m(180)), EventFlags.NONE),
                ev("d2", "click", "GET", "CB", "R02", "tea", null, S2.plus(m(120)), EventFlags.NONE),
                ev("e9", "open", "GET", "CB", "R03", null, null, S2.plus(m(5)), EventFlags.NONE)));
        new UnsubscribeDao(dataSource).record("CA", "R09", S.plus(m(180)), events.get("u9").eventId());
        aggregates.addFile(file1);
        aggregates.addFile(file2);
        aggregates.attribution().refresh();
    }

    // ---------------------------------------------------------------- campaign

    @Test
    void campaignKpis() {
        Kpis ca = new Kpis(10, 9, 1, 2, 1, 1, 7, r("0.7778"), r("0.2222"),
                8, 7, 7, 6, 7, 5, 5, 4,
                r("1.0000"), r("0.8571"), r("0.7143"), r("0.5714"), r("1.0000"), r("0.7143"), r("0.7143"),
                r("0.6667"), 1, r("0.1429"));
        Kpis cb = new Kpis(4, 4, 0, 0, 0, 0, 4, r("1.0000"), r("0.0000"),
                2, 2, 2, 2, 2, 2, 2, 2,
                r("0.5000"), r("0.5000"), r("0.5000"), r("0.5000"), r("0.5000"), r("0.5000"), r("1.0000"),
                r("1.0000"), 0, r("0.0000"));
        assertThat(report.campaign("CA")).contains(new CampaignKpis("CA", "Autumn coffee",
                "2026-11-02_promo_coffee", CampaignStatus.DONE, S, 5, ca));
        assertThat(report.campaign("CB")).contains(new CampaignKpis("CB", "Winter tea", "2026-11-04_promo_tea",
                CampaignStatus.DONE, S2, 5, cb));
        assertThat(report.campaigns()).extracting(CampaignKpis::campaignId).containsExactlyInAnyOrder("CA", "CB",
                "CX");
        // A campaign with nothing sent yet: zeros, every rate NULL (never a division error).
        assertThat(report.campaign("CX")).get().extracting(CampaignKpis::kpis).isEqualTo(new Kpis(0, 0, 0, 0,
                0, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null, null, null, null, null, 0, null));
    }

    @Test
    void variantKpisSideBySide() {
        // A: R01, R03, R05 (hard), R07 (failed), R09. opens e1, e2 (R01), e4 (R03), e7 (R09): 4/4, unique 3/3;
        //    clicks c1, c2 (R01), c5 (R03 bot): raw 3 clean 2, unique raw 2 clean 1; unsubscribe R09.
        //    delivery 3/4 = .75, bounce 1/4, open rate 3/3, CTR raw 2/3 clean 1/3, total 3/3 and 2/3,
        //    CTOR 2/3 and 1/3, unsubscribe 1/3. Orders: none (R01's order went to CB) -> CVR 0/1, RPE 0/4.
        Kpis a = new Kpis(5, 4, 1, 1, 1, 0, 3, r("0.7500"), r("0.2500"),
                4, 4, 3, 3, 3, 2, 2, 1,
                r("1.0000"), r("1.0000"), r("0.6667"), r("0.3333"), r("1.0000"), r("0.6667"), r("0.6667"),
                r("0.3333"), 1, r("0.3333"));
        // B: R02, R04, R06 (soft), R08, R10. opens e3 (MPP), e5, e6, e10: raw 4 clean 3, unique 4/3;
        //    clicks c4, c6 (HEAD), c7, c8: raw 4 clean 3, unique raw 3 (R02, R04, R08) clean 3.
        //    delivery 4/5, bounce 1/5, open rate 4/4 and 3/4, CTR 3/4 both, total 4/4 and 3/4, CTOR 3/4 and 3/3.
        //    Orders O1 (R04) + O4 (R02): gross 1100 + 2000, net 1000 + 1500; CVR 2/3, RPE 2500/5 = 500.
        Kpis b = new Kpis(5, 5, 0, 1, 0, 1, 4, r("0.8000"), r("0.2000"),
                4, 3, 4, 3, 4, 3, 3, 3,
                r("1.0000"), r("0.7500"), r("0.7500"), r("0.7500"), r("1.0000"), r("0.7500"), r("0.7500"),
                r("1.0000"), 0, r("0.0000"));
        assertThat(report.variants("CA")).containsExactly(
                new VariantKpis("CA", "A", a, 0, m4("0"), m4("0"), r("0.0000"), m4("0")),
                new VariantKpis("CA", "B", b, 2, m4("3100"), m4("2500"), r("0.6667"), m4("500")));
        // CB has no variants: one row with variant NULL, equal to the campaign.
        assertThat(report.variants("CB")).singleElement().satisfies(v -> {
            assertThat(v.variant()).isNull();
            assertThat(v.kpis()).isEqualTo(report.campaign("CB").orElseThrow().kpis());
            assertThat(v.orders()).isEqualTo(1);
            assertThat(v.revenueNet()).isEqualTo(m4("500"));
            assertThat(v.cvr()).isEqualTo(r("0.5000"));
            assertThat(v.rpe()).isEqualTo(m4("125"));
        });
    }

    // ---------------------------------------------------------------- links

    @Test
    void linkKpis() {
        // hero: c1 R01, c4 R02, c5 R03 (bot), c7 R04 -> raw 4, clean 3, unique 4/3, share 3/5 of clean clicks
        // btn: c2 R01, c6 R04 (HEAD), c8 R08 -> raw 3, clean 2, unique 3/2, share 2/5; footer: nothing, share 0/5
        assertThat(report.links("CA")).containsExactly(
                new LinkKpis("CA", "hero", "Hero image", "https://shop.example.com/coffee", 1, 4, 3, 4, 3,
                        r("0.6000")),
                new LinkKpis("CA", "btn", "Buy button", "https://shop.example.com/buy", 2, 3, 2, 3, 2, r("0.4000")),
                new LinkKpis("CA", "footer", "Footer link", "https://shop.example.com/", 3, 0, 0, 0, 0,
                        r("0.0000")));
        assertThat(report.links("CB")).containsExactly(
                new LinkKpis("CB", "tea", "Tea", "https://shop.example.com/tea", 1, 2, 2, 2, 2, r("1.0000")));
    }

    @Test
    void linkKpisBySegment() {
        // Clickers: hero R01 (Praha, cs, retail), R02 (Praha, cs, wholesale), R03 bot (Jihomoravský kraj, cs,
        // no organisation), R04 (Bratislavský kraj, sk, retail); btn R01, R04 HEAD, R08 (Jihomoravský kraj, cs, none).
        assertThat(report.linksBySegment("CA", Segment.REGION)).containsExactly(
                seg("btn", "region", "Bratislavský kraj", 1, 0, 1, 0),
                seg("btn", "region", "Jihomoravský kraj", 1, 1, 1, 1),
                seg("btn", "region", "Praha", 1, 1, 1, 1),
                seg("hero", "region", "Bratislavský kraj", 1, 1, 1, 1),
                seg("hero", "region", "Jihomoravský kraj", 1, 0, 1, 0),
                seg("hero", "region", "Praha", 2, 2, 2, 2));
        assertThat(report.linksBySegment("CA", Segment.LANGUAGE)).containsExactly(
                seg("btn", "language", "cs", 2, 2, 2, 2),
                seg("btn", "language", "sk", 1, 0, 1, 0),
                seg("hero", "language", "cs", 3, 2, 3, 2),
                seg("hero", "language", "sk", 1, 1, 1, 1));
        assertThat(report.linksBySegment("CA", Segment.ORGANISATION_CATEGORY)).containsExactly(
                seg("btn", "organisation_category", "retail", 2, 1, 2, 1),
                seg("btn", "organisation_category", null, 1, 1, 1, 1),
                seg("hero", "organisation_category", "retail", 2, 2, 2, 2),
                seg("hero", "organisation_category", "wholesale", 1, 1, 1, 1),
                seg("hero", "organisation_category", null, 1, 0, 1, 0));
    }

    // ---------------------------------------------------------------- recipients

    @Test
    void recipientReactions() {
        Instant none = null;
        BigDecimal zero = m4("0");
        assertThat(report.recipients("CA")).containsExactly(
                // R01: opens e1 (S+10m), e2 (S+2h); clicks c1 hero (S+15m), c2 btn (S+2h05); O3 went to CB.
                new RecipientReaction("CA", "R01", "r01@example.com", "A", SendStatus.SENT, S, false, null, null,
                        2, 2, S.plus(m(10)), S.plus(m(120)), S.plus(m(10)), S.plus(m(120)),
                        2, 2, S.plus(m(15)), S.plus(m(125)), S.plus(m(15)), S.plus(m(125)), 2, 2,
                        false, null, 0, zero, zero),
                // R02: MPP open only (no clean open), clean click c4 hero; O4 gross 2000, net 1800 - 300 returned.
                new RecipientReaction("CA", "R02", "r02@example.com", "B", SendStatus.SENT, S, false, null, null,
                        1, 0, S.plus(m(30)), S.plus(m(30)), none, none,
                        1, 1, S.plus(m(35)), S.plus(m(35)), S.plus(m(35)), S.plus(m(35)), 1, 1,
                        false, null, 1, m4("2000"), m4("1500")),
                // R03: clean open e4, bot click c5 (raw only); O5 not attributed.
                new RecipientReaction("CA", "R03", "r03@example.com", "A", SendStatus.SENT, S, false, null, null,
                        1, 1, S.plus(m(65)), S.plus(m(65)), S.plus(m(65)), S.plus(m(65)),
                        1, 0, S.plus(m(70)), S.plus(m(70)), none, none, 1, 0,
                        false, null, 0, zero, zero),
                // R04: open e5; HEAD click c6 btn (S+21m, file 1) and clean click c7 hero (S+40m, file 2); O1.
                new RecipientReaction("CA", "R04", "r04@example.com", "B", SendStatus.SENT, S, false, null, null,
                        1, 1, S.plus(m(20)), S.plus(m(20)), S.plus(m(20)), S.plus(m(20)),
                        2, 1, S.plus(m(21)), S.plus(m(40)), S.plus(m(40)), S.plus(m(40)), 2, 1,
                        false, null, 1, m4("1100"), m4("1000")),
                new RecipientReaction("CA", "R05", "r05@example.com", "A", SendStatus.BOUNCED, S, true,
                        BounceKind.HARD, S.plus(m(5)), 0, 0, none, none, none, none, 0, 0, none, none, none, none,
                        0, 0, false, null, 0, zero, zero),
                new RecipientReaction("CA", "R06", "r06@example.com", "B", SendStatus.BOUNCED, S, true,
                        BounceKind.SOFT, S.plus(m(60)), 0, 0, none, none, none, none, 0, 0, none, none, none, none,
                        0, 0, false, null, 0, zero, zero),
                new RecipientReaction("CA", "R07", "r07@example.com", "A", SendStatus.FAILED, null, false, null,
                        null, 0, 0, none, none, none, none, 0, 0, none, none, none, none, 0, 0, false, null, 0,
                        zero, zero),
                // R08: open e6, click c8 btn (S+25h05); O2 falls outside the 5-day window.
                new RecipientReaction("CA", "R08", "r08@example.com", "B", SendStatus.SENT, S, false, null, null,
                        1, 1, S.plus(m(1500)), S.plus(m(1500)), S.plus(m(1500)), S.plus(m(1500)),
                        1, 1, S.plus(m(1505)), S.plus(m(1505)), S.plus(m(1505)), S.plus(m(1505)), 1, 1,
                        false, null, 0, zero, zero),
                // R09: open e7 then unsubscribed at S+3h.
                new RecipientReaction("CA", "R09", "r09@example.com", "A", SendStatus.SENT, S, false, null, null,
                        1, 1, S.plus(m(170)), S.plus(m(170)), S.plus(m(170)), S.plus(m(170)),
                        0, 0, none, none, none, none, 0, 0, true, S.plus(m(180)), 0, zero, zero),
                new RecipientReaction("CA", "R10", "r10@example.com", "B", SendStatus.SENT, S, false, null, null,
                        1, 1, Instant.parse("2026-11-09T08:00:00Z"), Instant.parse("2026-11-09T08:00:00Z"),
                        Instant.parse("2026-11-09T08:00:00Z"), Instant.parse("2026-11-09T08:00:00Z"),
                        0, 0, none, none, none, none, 0, 0, false, null, 0, zero, zero));
        assertThat(report.recipient("CB", "R01")).get().satisfies(r -> {
            assertThat(r.orders()).isEqualTo(1);
            assertThat(r.revenueGross()).isEqualTo(m4("500"));
            assertThat(r.revenueNet()).isEqualTo(m4("500"));
            assertThat(r.variant()).isNull();
        });
        assertThat(report.recipient("CA", "R99")).isEmpty();
    }

    @Test
    void recipientClicksPerLink() {
        assertThat(report.recipientClicks("CA")).containsExactly(
                new RecipientClick("CA", "R01", "btn", 1, 1, S.plus(m(125)), S.plus(m(125)), S.plus(m(125)),
                        S.plus(m(125))),
                new RecipientClick("CA", "R01", "hero", 1, 1, S.plus(m(15)), S.plus(m(15)), S.plus(m(15)),
                        S.plus(m(15))),
                new RecipientClick("CA", "R02", "hero", 1, 1, S.plus(m(35)), S.plus(m(35)), S.plus(m(35)),
                        S.plus(m(35))),
                new RecipientClick("CA", "R03", "hero", 1, 0, S.plus(m(70)), S.plus(m(70)), null, null),
                new RecipientClick("CA", "R04", "btn", 1, 0, S.plus(m(21)), S.plus(m(21)), null, null),
                new RecipientClick("CA", "R04", "hero", 1, 1, S.plus(m(40)), S.plus(m(40)), S.plus(m(40)),
                        S.plus(m(40))),
                new RecipientClick("CA", "R08", "btn", 1, 1, S.plus(m(1505)), S.plus(m(1505)), S.plus(m(1505)),
                        S.plus(m(1505))));
        assertThat(report.recipientClicks("CA", "R04")).extracting(RecipientClick::linkId)
                .containsExactly("btn", "hero");
    }

    // ---------------------------------------------------------------- timeline

    @Test
    void timelines() {
        // Hours since the send S: h0 opens e1, e3 (MPP), e5 = 3/2, clicks c1, c4, c6 (HEAD), c7 = 4/3;
        // h1 e4 1/1, c5 (bot) 1/0; h2 e2, e7 2/2, c2 1/1; h25 e6, c8; h167 e10. The unsubscribe (S+3h) and the
        // rejected event count nowhere.
        assertThat(report.timeline("CA", Granularity.HOURS_SINCE_SEND)).containsExactly(
                hour("CA", 0, 3, 2, 4, 3), hour("CA", 1, 1, 1, 1, 0), hour("CA", 2, 2, 2, 1, 1),
                hour("CA", 25, 1, 1, 1, 1), hour("CA", 167, 1, 1, 0, 0));
        assertThat(report.timeline("CA", Granularity.DAY)).containsExactly(
                period("CA", Granularity.DAY, "2026-11-02", 6, 5, 6, 4),
                period("CA", Granularity.DAY, "2026-11-03", 1, 1, 1, 1),
                period("CA", Granularity.DAY, "2026-11-09", 1, 1, 0, 0));
        assertThat(report.timeline("CA", Granularity.WEEK)).containsExactly(
                period("CA", Granularity.WEEK, "2026-11-02", 7, 6, 7, 5),
                period("CA", Granularity.WEEK, "2026-11-09", 1, 1, 0, 0));
        // CB, since S2: e9 +5m (h0), e8 +1h and d1 +1h01 (h1), d2 +2h (h2); all on Wednesday 2026-11-04.
        assertThat(report.timeline("CB", Granularity.HOURS_SINCE_SEND)).containsExactly(
                hour("CB", 0, 1, 1, 0, 0), hour("CB", 1, 1, 1, 1, 1), hour("CB", 2, 0, 0, 1, 1));
        assertThat(report.timeline("CB", Granularity.DAY)).containsExactly(
                period("CB", Granularity.DAY, "2026-11-04", 2, 2, 2, 2));
        assertThat(report.timeline("CB", Granularity.WEEK)).containsExactly(
                period("CB", Granularity.WEEK, "2026-11-02", 2, 2, 2, 2));
    }

    // ---------------------------------------------------------------- revenue

    @Test
    void orderAttribution() {
        assertThat(report.attributedOrders("CA")).containsExactly(
                new AttributedOrder("O4", "R02", Instant.parse("2026-11-02T12:00:00Z"), "CZK", "CA", "hero",
                        events.get("c4").eventId(), S.plus(m(35)), m4("2000"), m4("200"), m4("1800"), m4("300"),
                        m4("2000"), m4("1500"), true),
                new AttributedOrder("O1", "R04", Instant.parse("2026-11-03T12:00:00Z"), "CZK", "CA", "hero",
                        events.get("c7").eventId(), S.plus(m(40)), m4("1100"), m4("100"), m4("1000"), m4("0"),
                        m4("1100"), m4("1000"), false));
        assertThat(report.attributedOrders("CB")).containsExactly(
                new AttributedOrder("O3", "R01", Instant.parse("2026-11-04T15:00:00Z"), "CZK", "CB", "tea",
                        events.get("d1").eventId(), S2.plus(m(61)), m4("500"), m4("0"), m4("500"), m4("0"),
                        m4("500"), m4("500"), true));
        assertThat(report.attributionOf("O2")).as("outside the window").isEmpty();
        assertThat(report.attributionOf("O5")).as("opened only, bot click").isEmpty();
        assertThat(report.attributionOf("O4R")).as("a return is never an order").isEmpty();
        assertThat(report.attributionOf("O3")).get().extracting(AttributedOrder::campaignId).isEqualTo("CB");
    }

    @Test
    void revenueKpis() {
        assertThat(report.revenue("CA")).contains(new RevenueKpis("CA", 5, 9, 7, 5, 4, 2, 1, 1, 2, "CZK", 1,
                m4("3100"), m4("300"), m4("2500"), m4("1500"), m4("1000"),
                r("0.5000"), m4("1250"), m4("277.7778"), m4("357.1429"), m4("500000")));
        assertThat(report.revenue("CB")).contains(new RevenueKpis("CB", 5, 4, 4, 2, 2, 1, 1, 0, 1, "CZK", 1,
                m4("500"), m4("0"), m4("500"), m4("500"), m4("0"),
                r("0.5000"), m4("500"), m4("125"), m4("125"), m4("250000")));
        // Nothing sent, nothing clicked: zero revenue, every ratio NULL.
        assertThat(report.revenue("CX")).contains(new RevenueKpis("CX", 5, 0, 0, 0, 0, 0, 0, 0, 0, null, 0,
                m4("0"), m4("0"), m4("0"), m4("0"), m4("0"), null, null, null, null, null));
        assertThat(report.revenues()).extracting(RevenueKpis::campaignId).containsExactly("CA", "CB", "CX");
    }

    @Test
    void attributionWindowIsTheCampaignsOwn() {
        // With CB's window at 0 days its clicks attribute nothing: O3 falls back to R01's last CA click c2
        // (11-02 11:05, 2 days before the order, inside CA's 5 days), lagged.
        jdbc.update("UPDATE pkl_campaign SET attribution_days = 0 WHERE campaign_id = 'CB'");
        aggregates.attribution().recomputeAll(); // a changed window can move any order
        assertThat(report.attributionOf("O3")).get().satisfies(o -> {
            assertThat(o.campaignId()).isEqualTo("CA");
            assertThat(o.linkId()).isEqualTo("btn");
            assertThat(o.clickEventId()).isEqualTo(events.get("c2").eventId());
            assertThat(o.sameSession()).isFalse();
        });
        assertThat(report.revenue("CB")).get().extracting(RevenueKpis::orders, RevenueKpis::aov)
                .containsExactly(0L, null);
    }

    // ---------------------------------------------------------------- aggregates

    @Test
    void addingTheSameFileAgainChangesNothing() {
        Snapshot before = snapshot();
        aggregates.addFile(file2);
        aggregates.addFile(file1);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(aggregates.isFolded(file1)).isTrue();
        assertThat(aggregates.isFolded(file2 + 1000)).isFalse();
    }

    @Test
    void rebuildFromRawGivesWhatTheTwoIncrementalFilesGave() {
        Snapshot incremental = snapshot();
        aggregates.rebuild();
        assertThat(snapshot()).isEqualTo(incremental);
        // A file folded by rebuild is not folded again by its own addFile.
        aggregates.addFile(file1);
        assertThat(snapshot()).isEqualTo(incremental);
    }

    @Test
    void rebuildOnlyFromRawFoldsImportedFilesAndLeavesRunningOnesToTheirAddFile() {
        Snapshot incremental = snapshot();
        ImportFileDao files = onlyFile1ImportedNothingFolded();
        aggregates.rebuild(); // file 2 is still "running": left out
        assertThat(report.campaign("CA")).get().extracting(c -> c.kpis().opensRaw()).isEqualTo(3L);
        assertThat(aggregates.isFolded(file2)).isFalse();
        aggregates.addFile(file2);
        aggregates.attribution().refresh(); // the job's next step
        assertThat(snapshot()).isEqualTo(incremental);
    }

    @Test
    void rebuildInSlicesOfAFewEventsGivesWhatTheIncrementalFilesGave() {
        Snapshot incremental = snapshot();
        List<Long> progress = new ArrayList<>();
        AggregateMaintainer.RebuildSummary summary = slicedBy(3).rebuild((done, upto) -> progress.add(done));
        assertThat(snapshot()).isEqualTo(incremental);
        // 21 raw events, three per committed transaction, each slice reported once it is committed.
        assertThat(progress).hasSize(7).isSorted().last().isEqualTo(summary.eventsUpto());
        assertThat(summary.tookOverFrom()).isEmpty();
        assertThat(aggregates.rebuildInProgress()).isEmpty();
    }

    @Test
    void whileARebuildRunsTheImportLeavesItsFileAndAttributionToIt() {
        Snapshot incremental = snapshot();
        ImportFileDao files = onlyFile1ImportedNothingFolded();
        List<Object> seenMidway = new ArrayList<>();
        AggregateMaintainer.RebuildSummary summary = slicedBy(3).rebuild((done, upto) -> {
            if (seenMidway.isEmpty()) {
                // File 2's import finishes now: its job's fold and attribution steps find the rebuild running.
                files.finish(file2, new FileCounts(11, 11, 0, 0), S.plus(m(2)));
                seenMidway.add(aggregates.addFile(file2));
                seenMidway.add(aggregates.attribution().refresh());
                seenMidway.add(aggregates.rebuildInProgress().map(p -> p.eventsDone() == done).orElse(false));
            }
        });
        assertThat(seenMidway).containsExactly(FoldResult.LEFT_TO_REBUILD, Optional.empty(), true);
        assertThat(summary.filesFoldedAfter()).isEqualTo(1);
        assertThat(aggregates.isFolded(file2)).isTrue();
        assertThat(snapshot()).isEqualTo(incremental);
        assertThat(aggregates.addFile(file2)).isEqualTo(FoldResult.ALREADY_FOLDED);
    }

    @Test
    void anInterruptedRebuildIsVisibleAndTheNextOneStartsOver() {
        Snapshot incremental = snapshot();
        assertThatThrownBy(() -> slicedBy(3).rebuild((done, upto) -> {
            throw new IllegalStateException("killed");
        })).hasMessage("killed");
        assertThat(aggregates.rebuildInProgress()).get().satisfies(p -> {
            assertThat(p.eventsDone()).isPositive().isLessThan(p.eventsUpto());
        });
        assertThat(snapshot()).isNotEqualTo(incremental); // what a report warns about meanwhile
        AggregateMaintainer.RebuildSummary again = aggregates.rebuild();
        assertThat(again.tookOverFrom()).isPresent();
        assertThat(aggregates.rebuildInProgress()).isEmpty();
        assertThat(snapshot()).isEqualTo(incremental);
    }

    @Test
    void aRebuildStartedDuringAnotherTakesOverAndTheFirstStops() {
        Snapshot incremental = snapshot();
        AggregateMaintainer first = slicedBy(3);
        List<AggregateMaintainer.RebuildSummary> second = new ArrayList<>();
        assertThatThrownBy(() -> first.rebuild((done, upto) -> {
            if (second.isEmpty()) {
                second.add(slicedBy(5).rebuild()); // runs to its end; the first's next commit must fail
            }
        })).isInstanceOf(RebuildState.RebuildTakenOverException.class);
        assertThat(second.get(0).tookOverFrom()).isPresent();
        assertThat(aggregates.rebuildInProgress()).isEmpty();
        assertThat(snapshot()).isEqualTo(incremental);
    }

    @Test
    void rebuildSlicesCountTheEventsThereAreNotTheIdsBurntBetweenThem() {
        // Ids without events, as SQL Server's IGNORE_DUP_KEY leaves them for re-imported duplicates (finding 11).
        ImportFileDao files = new ImportFileDao(dataSource);
        RawEventDao raw = new RawEventDao(dataSource);
        long burnt = files.start("proklik-n1-20261102T103000000Z-000003.csv", "n1", "c3".repeat(32), 1L, S);
        raw.insertBatch(burnt, IntStream.range(0, 60).mapToObj(i -> ev("j" + i, "rejected", "GET", null, null, null,
                null, S.plus(m(90)), EventFlags.NONE)).toList());
        jdbc.update("DELETE FROM pkl_event WHERE file_id = ?", burnt);
        long file3 = files.start("proklik-n1-20261102T110000000Z-000004.csv", "n1", "d4".repeat(32), 1L, S);
        raw.insertBatch(file3, List.of(
                ev("f1", "open", "GET", "CA", "R10", null, "B", S.plus(m(200)), EventFlags.NONE),
                ev("f2", "click", "GET", "CA", "R10", "btn", "B", S.plus(m(201)), EventFlags.NONE),
                ev("f3", "open", "GET", "CB", "R04", null, null, S2.plus(m(7)), EventFlags.NONE)));
        files.finish(file3, new FileCounts(3, 3, 0, 0), S.plus(m(202)));
        assertThat(aggregates.addFile(file3)).isEqualTo(FoldResult.FOLDED);
        Snapshot incremental = snapshot();

        List<Long> progress = new ArrayList<>();
        AggregateMaintainer.RebuildSummary summary = slicedBy(3).rebuild((done, upto) -> progress.add(done));

        assertThat(snapshot()).isEqualTo(incremental);
        // 24 raw events, three per transaction: 8 slices (by id ranges the 60 empty ids would have made 28).
        assertThat(progress).hasSize(8).isSorted().last().isEqualTo(summary.eventsUpto());
    }

    @Test
    void aFileThatFinishesImportingWhileARebuildWaitsForTheAggregatesIsFoldedByIt() throws Exception {
        long clicksBefore = report.campaign("CA").orElseThrow().kpis().clicksRaw();
        ImportFileDao files = new ImportFileDao(dataSource);
        long file3 = files.start("proklik-n1-20261102T110000000Z-000003.csv", "n1", "d4".repeat(32), 1L, S);
        CompletableFuture<AggregateMaintainer.RebuildSummary> rebuild;
        try (Connection foldInProgress = dataSource.getConnection()) {
            // Another import's addFile holds the aggregates (the state row), as it does until it commits.
            foldInProgress.setAutoCommit(false);
            foldInProgress.createStatement().executeUpdate(
                    "UPDATE pkl_agg_rebuild_state SET finished_at = finished_at WHERE state_id = 1");
            rebuild = CompletableFuture.supplyAsync(() -> aggregates.rebuild());
            awaitASessionWaitingForALock();
            // Meanwhile file 3's events are stored and its import finishes (finding 23).
            new RawEventDao(dataSource).insertBatch(file3, List.of(
                    ev("f1", "open", "GET", "CA", "R10", null, "B", S.plus(m(200)), EventFlags.NONE),
                    ev("f2", "click", "GET", "CA", "R10", "btn", "B", S.plus(m(201)), EventFlags.NONE)));
            files.finish(file3, new FileCounts(2, 2, 0, 0), S.plus(m(202)));
            foldInProgress.commit();
        }
        AggregateMaintainer.RebuildSummary summary = rebuild.get(60, TimeUnit.SECONDS);
        Snapshot afterTheRace = snapshot();

        assertThat(aggregates.isFolded(file3)).isTrue();
        assertThat(summary.eventsUpto()).isEqualTo(jdbc.queryForObject("SELECT MAX(id) FROM pkl_event", Long.class));
        aggregates.rebuild();
        assertThat(afterTheRace).as("a second rebuild changes nothing: file 3's events were folded").isEqualTo(snapshot());
        assertThat(report.campaign("CA")).get().extracting(c -> c.kpis().clicksRaw()).isEqualTo(clicksBefore + 1);
    }

    /** Until some session of this database is waiting for a lock another one holds. */
    private void awaitASessionWaitingForALock() throws InterruptedException {
        String waiting = Engine.of(dataSource) == Engine.H2
                ? "SELECT COUNT(*) FROM information_schema.sessions WHERE blocker_id IS NOT NULL"
                : "SELECT COUNT(*) FROM sys.dm_exec_requests WHERE blocking_session_id <> 0";
        for (int i = 0; i < 3000; i++) {
            if (jdbc.queryForObject(waiting, Integer.class) > 0) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no session started waiting for a lock within 30 s");
    }

    /** As if the aggregates were new: file 1's import finished, file 2's is still running. */
    private ImportFileDao onlyFile1ImportedNothingFolded() {
        jdbc.update("DELETE FROM pkl_agg_file_done");
        ImportFileDao files = new ImportFileDao(dataSource);
        files.finish(file1, new FileCounts(10, 10, 0, 0), S.plus(m(1)));
        return files;
    }

    @Test
    void aFileOfManyRecipientsFoldedOntoStoredRowsEqualsARebuildAndTheEnginesOwnHours() {
        // The fold reads stored rows AggregateSql.KEYS_PER_READ (500) recipients at a time: 1,203 recipients in CA make two
        // full reads and a short one, R01-R04 already have rows from files 1 and 2, and campaign CM's send time has
        // milliseconds, so its hours since the send count second boundaries the way both engines' DATEDIFF does.
        new CampaignDao(dataSource, Clock.fixed(S.minusSeconds(3600), ZoneOffset.UTC)).register(new Campaign("CM",
                "Milliseconds", null, "2026-11-02_ms", "newsletter", S.minusSeconds(600), S.plusMillis(500), 5,
                CampaignStatus.DONE));
        ImportFileDao files = new ImportFileDao(dataSource);
        long file3 = files.start("proklik-n1-20261102T120000000Z-000003.csv", "n1", "e5".repeat(32), 1L, S);
        List<RawEvent> rows = new ArrayList<>();
        EventFlags[] flags = {EventFlags.NONE, MPP, EventFlags.NONE, BOT, HEAD};
        for (int i = 0; i < 1_203; i++) {
            String recipient = i < 4 ? "R%02d".formatted(i + 1) : "M%04d".formatted(i);
            String variant = i % 7 == 0 ? null : i % 2 == 0 ? "A" : "B";
            Instant t = S.plusSeconds(37L * i).plusMillis(i % 1000);
            rows.add(ev("m-open-" + i, "open", "GET", "CA", recipient, null, variant, t, flags[i % flags.length]));
            if (i % 3 == 0) {
                rows.add(ev("m-click-" + i, "click", i % 5 == 4 ? "HEAD" : "GET", "CA", recipient,
                        i % 6 == 0 ? "hero" : "btn", variant, t.plusSeconds(40), flags[(i / 3) % flags.length]));
            }
        }
        // Around the hour boundaries after CM's send at 09:00:00.500: 3,599.4 s and 3,599.6 s after it (the second
        // boundary at 10:00:00 is crossed by the second one), and one open before the send (hour -1).
        Instant cmSend = S.plusMillis(500);
        rows.add(ev("cm1", "open", "GET", "CM", "R01", null, null, cmSend.plusMillis(3_599_400), EventFlags.NONE));
        rows.add(ev("cm2", "click", "GET", "CM", "R01", "x", null, cmSend.plusMillis(3_599_600), EventFlags.NONE));
        rows.add(ev("cm3", "open", "GET", "CM", "R02", null, null, cmSend.minusMillis(1), EventFlags.NONE));
        new RawEventDao(dataSource).insertBatch(file3, rows);
        files.finish(file3, new FileCounts(rows.size(), rows.size(), 0, 0), S.plus(m(3)));

        assertThat(aggregates.addFile(file3)).isEqualTo(FoldResult.FOLDED);
        Map<String, List<Map<String, Object>>> folded = aggregateTables();
        assertThat(folded.get("pkl_agg_recipient")).hasSizeGreaterThan(1_203);
        assertThat(folded.get("pkl_agg_send_hour")).isEqualTo(jdbc.queryForList(SEND_HOURS_BY_THE_ENGINE));
        assertThat(folded.get("pkl_agg_hour")).isEqualTo(jdbc.queryForList(HOURS_BY_THE_ENGINE));
        assertThat(jdbc.queryForList("SELECT hour_no FROM pkl_agg_send_hour WHERE campaign_id = 'CM' ORDER BY hour_no",
                Integer.class)).containsExactly(-1, 0, 1);

        aggregates.rebuild();
        assertThat(aggregateTables()).isEqualTo(folded);
        slicedBy(97).rebuild();
        assertThat(aggregateTables()).isEqualTo(folded);
    }

    @Test
    void aRebuildOfManySmallSlicesEqualsAOneSliceRebuildAndTheFileByFileFold(@TempDir Path temp) throws IOException {
        // 120 recipients with five events each, stored round by round: a recipient's events lie 120 ids apart, so
        // slices of 7 events put each of them into five slices (five sorted runs), whose sums the merge combines.
        ImportFileDao files = new ImportFileDao(dataSource);
        long file3 = files.start("proklik-n1-20261102T120000000Z-000003.csv", "n1", "f6".repeat(32), 1L, S);
        List<RawEvent> rows = new ArrayList<>();
        EventFlags[] flags = {EventFlags.NONE, MPP, EventFlags.NONE, BOT, EventFlags.NONE, HEAD};
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 120; i++) {
                String recipient = i < 3 ? "R%02d".formatted(i + 1) : "N%03d".formatted(i);
                String variant = i < 3 ? (i % 2 == 0 ? "A" : "B") : i % 5 == 0 ? null : i % 2 == 0 ? "A" : "B";
                Instant t = S.plusSeconds(600L * round + 13L * i).plusMillis(7L * i);
                boolean click = (round + i) % 2 == 0;
                rows.add(ev("s" + round + "-" + i, click ? "click" : "open", "GET", "CA", recipient,
                        click ? (i % 3 == 0 ? "hero" : "btn") : null, variant, t, flags[(round + i) % flags.length]));
            }
        }
        new RawEventDao(dataSource).insertBatch(file3, rows);
        files.finish(file3, new FileCounts(rows.size(), rows.size(), 0, 0), S.plus(m(3)));
        assertThat(aggregates.addFile(file3)).isEqualTo(FoldResult.FOLDED);
        aggregates.attribution().refresh();
        Map<String, List<Map<String, Object>>> fileByFile = aggregateTables();
        Snapshot incremental = snapshot();

        List<Long> slices = new ArrayList<>();
        AggregateMaintainer.RebuildSummary small = slicedBy(7, temp).rebuild((done, upto) -> slices.add(done));
        assertThat(slices).as("621 raw events, 7 per slice").hasSize(89);
        assertThat(small.spilledBytes()).isPositive();
        assertThat(aggregateTables()).isEqualTo(fileByFile);
        assertThat(snapshot()).isEqualTo(incremental);
        assertThat(temp).isEmptyDirectory();

        slicedBy(1_000_000, temp).rebuild();
        assertThat(aggregateTables()).isEqualTo(fileByFile);
        assertThat(snapshot()).isEqualTo(incremental);
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void theRunsAKilledRebuildLeftAreDeletedByTheRebuildThatTakesOver(@TempDir Path home) throws IOException {
        Snapshot incremental = snapshot();
        Path temp = home.resolve("tmp");
        Path killed = home.resolve("killed");
        List<Long> slices = new ArrayList<>();
        assertThatThrownBy(() -> slicedBy(3, temp).rebuild((done, upto) -> {
            slices.add(done);
            if (slices.size() == 3) {
                // What a kill -9 now would leave: the folder with the runs of three slices.
                try (var folders = Files.list(temp)) {
                    Path runs = folders.collect(onlyElement());
                    assertThat(runs.getFileName().toString()).startsWith("rebuild-");
                    FileSystemUtils.copyRecursively(runs, killed.resolve(runs.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                throw new IllegalStateException("killed");
            }
        })).hasMessage("killed");
        assertThat(temp).as("a rebuild that fails deletes its own runs").isEmptyDirectory();
        try (var left = Files.list(killed)) {
            Path runs = left.collect(onlyElement());
            Files.move(runs, temp.resolve(runs.getFileName()));
        }
        try (var left = Files.list(temp)) {
            assertThat(left.collect(onlyElement())).isDirectoryContaining("glob:**slice-000003.links");
        }

        AggregateMaintainer.RebuildSummary second = slicedBy(5, temp).rebuild();
        assertThat(second.tookOverFrom()).isPresent();
        assertThat(snapshot()).isEqualTo(incremental);
        assertThat(temp).isEmptyDirectory();
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyElement() {
        return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
            assertThat(l).hasSize(1);
            return l.get(0);
        });
    }

    @Test
    void filesFoldedAsOneGroupGiveWhatTheyGaveOneByOneAndTheGroupFoldedAgainChangesNothing() {
        Map<String, List<Map<String, Object>>> oneByOne = aggregateTables();
        Snapshot incremental = snapshot();
        emptyAggregates();
        AggregateMaintainer grouped = groupingUpTo(1_000_000);
        assertThat(grouped.addFiles(List.of(file1, file2))).containsExactly(entry(file1, FoldResult.FOLDED),
                entry(file2, FoldResult.FOLDED));
        grouped.attribution().refresh();
        assertThat(aggregateTables()).isEqualTo(oneByOne);
        assertThat(snapshot()).isEqualTo(incremental);

        assertThat(grouped.addFiles(List.of(file2, file1))).containsOnly(entry(file2, FoldResult.ALREADY_FOLDED),
                entry(file1, FoldResult.ALREADY_FOLDED));
        assertThat(aggregateTables()).isEqualTo(oneByOne);
    }

    @Test
    void aGroupWithAFileFoldedBeforeAddsOnlyTheOtherFile() {
        Map<String, List<Map<String, Object>>> oneByOne = aggregateTables();
        emptyAggregates();
        aggregates.addFile(file1);
        assertThat(groupingUpTo(1_000_000).addFiles(List.of(file1, file2, file2))).containsExactly(
                entry(file1, FoldResult.ALREADY_FOLDED), entry(file2, FoldResult.FOLDED));
        assertThat(aggregateTables()).isEqualTo(oneByOne);
    }

    @Test
    void whileARebuildOwnsTheAggregatesAGroupLeavesAllItsFilesToIt() {
        emptyAggregates();
        jdbc.update("UPDATE pkl_agg_rebuild_state SET run_id = 'another-run'");
        assertThat(groupingUpTo(1_000_000).addFiles(List.of(file1, file2))).containsExactly(
                entry(file1, FoldResult.LEFT_TO_REBUILD), entry(file2, FoldResult.LEFT_TO_REBUILD));
        assertThat(aggregates.isFolded(file1)).isFalse();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_agg_recipient", Integer.class)).isZero();
    }

    @Test
    void aBacklogIsFoldedByOneRebuildWhichGivesWhatTheFilesGaveOneByOne(@TempDir Path temp) {
        Map<String, List<Map<String, Object>>> oneByOne = aggregateTables();
        Snapshot incremental = snapshot();
        emptyAggregates();
        jdbc.update(NO_REBUILD_FINISHED);
        finishImportOf(file1, file2);
        AggregateMaintainer bulk = foldingBacklogsFrom(1, temp);
        // Inside a transaction, as the import's fold step calls it: the rebuild commits on its own all the same.
        Map<Long, FoldResult> results = new TransactionTemplate(new JdbcTransactionManager(dataSource)).execute(
                status -> {
                    Map<Long, FoldResult> done = bulk.addFiles(List.of(file1, file2));
                    assertThat(countOnAnotherConnection("pkl_agg_recipient")).as("committed by the rebuild")
                            .isEqualTo(oneByOne.get("pkl_agg_recipient").size());
                    return done;
                });
        assertThat(results).containsExactly(entry(file1, FoldResult.FOLDED), entry(file2, FoldResult.FOLDED));
        assertThat(rebuildsFinished()).as("the backlog was folded by a rebuild").isEqualTo(1);
        assertThat(aggregateTables()).isEqualTo(oneByOne);
        assertThat(snapshot()).isEqualTo(incremental);
        assertThat(temp).isEmptyDirectory();

        assertThat(bulk.addFiles(List.of(file2, file1))).containsOnly(entry(file2, FoldResult.ALREADY_FOLDED),
                entry(file1, FoldResult.ALREADY_FOLDED));
        assertThat(rebuildsFinished()).as("nothing new: no second rebuild").isEqualTo(1);
        assertThat(aggregateTables()).isEqualTo(oneByOne);
    }

    @Test
    void aRunSmallerThanWhatWasFoldedBeforeOrThanTheThresholdIsFoldedFileByFile(@TempDir Path temp) {
        Map<String, List<Map<String, Object>>> oneByOne = aggregateTables();
        finishImportOf(file1, file2);
        long events1 = storedEvents(file1);
        long events2 = storedEvents(file2);
        assertThat(events1).as("the data set's files differ in size").isNotEqualTo(events2);
        long larger = events1 > events2 ? file1 : file2;
        long smaller = larger == file1 ? file2 : file1;
        emptyAggregates();
        jdbc.update(NO_REBUILD_FINISHED);
        aggregates.addFile(larger);
        assertThat(foldingBacklogsFrom(1, temp).addFiles(List.of(smaller)))
                .containsExactly(entry(smaller, FoldResult.FOLDED));
        assertThat(rebuildsFinished()).as("fewer new events than folded before: no rebuild").isZero();
        assertThat(aggregateTables()).isEqualTo(oneByOne);

        emptyAggregates();
        assertThat(foldingBacklogsFrom(events1 + events2 + 1, temp).addFiles(List.of(file1, file2)))
                .containsExactly(entry(file1, FoldResult.FOLDED), entry(file2, FoldResult.FOLDED));
        assertThat(rebuildsFinished()).as("below the threshold: no rebuild").isZero();
        assertThat(aggregateTables()).isEqualTo(oneByOne);
    }

    @Test
    void aBacklogFindingARebuildRunningLeavesItsFilesToIt(@TempDir Path temp) {
        emptyAggregates();
        finishImportOf(file1, file2);
        jdbc.update("UPDATE pkl_agg_rebuild_state SET run_id = 'another-run'");
        assertThat(foldingBacklogsFrom(1, temp).addFiles(List.of(file1, file2))).containsExactly(
                entry(file1, FoldResult.LEFT_TO_REBUILD), entry(file2, FoldResult.LEFT_TO_REBUILD));
        assertThat(jdbc.queryForObject("SELECT RTRIM(run_id) FROM pkl_agg_rebuild_state", String.class))
                .as("not taken over").isEqualTo("another-run");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pkl_agg_recipient", Integer.class)).isZero();
    }

    /** Folding a run of at least {@code events} new events (and as many as folded before) by a rebuild. */
    private AggregateMaintainer foldingBacklogsFrom(long events, Path temp) {
        return new AggregateMaintainer(dataSource, Clock.systemUTC(), AggregateMaintainer.REBUILD_SLICE, 0, temp,
                events);
    }

    private static final String NO_REBUILD_FINISHED = "UPDATE pkl_agg_rebuild_state SET finished_at = NULL";

    /** Rebuilds that finished since the state row was last reset (0 or 1 here: it keeps the last finish only). */
    private int rebuildsFinished() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM pkl_agg_rebuild_state WHERE finished_at IS NOT NULL",
                Integer.class);
    }

    private long countOnAnotherConnection(String table) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The import of these files done (as its finish step leaves them when the fold step comes), with their counts. */
    private void finishImportOf(long... fileIds) {
        ImportFileDao files = new ImportFileDao(dataSource);
        for (long file : fileIds) {
            long n = jdbc.queryForObject("SELECT COUNT(*) FROM pkl_event WHERE file_id = ?", Long.class, file);
            files.finish(file, new FileCounts(n, n, 0, 0), S.plus(m(5)));
        }
    }

    private long storedEvents(long file) {
        return jdbc.queryForObject("SELECT imported_count FROM pkl_import_file WHERE file_id = ?", Long.class, file);
    }

    private AggregateMaintainer groupingUpTo(long events) {
        return new AggregateMaintainer(dataSource, Clock.systemUTC(), AggregateMaintainer.REBUILD_SLICE, events);
    }

    /** The aggregates a fold writes, and which files they hold, emptied (as before a first import). */
    private void emptyAggregates() {
        for (String table : List.of("pkl_agg_file_done", "pkl_agg_recipient", "pkl_agg_recipient_link",
                "pkl_agg_campaign", "pkl_agg_link", "pkl_agg_link_segment", "pkl_agg_hour", "pkl_agg_send_hour",
                "pkl_agg_click")) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** Every aggregate's rows in key order, as the database holds them. */
    private Map<String, List<Map<String, Object>>> aggregateTables() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String[] t : new String[][] {{"pkl_agg_recipient", "campaign_id, recipient_id"},
                {"pkl_agg_recipient_link", "campaign_id, recipient_id, link_id"}, {"pkl_agg_campaign", "campaign_id, variant"},
                {"pkl_agg_link", "campaign_id, link_id"},
                {"pkl_agg_link_segment", "campaign_id, link_id, segment_kind, segment_value"},
                {"pkl_agg_hour", "campaign_id, hour_start"}, {"pkl_agg_send_hour", "campaign_id, hour_no"},
                {"pkl_agg_click", "recipient_id, clicked_at, event_id"}}) {
            tables.put(t[0], jdbc.queryForList("SELECT * FROM " + t[0] + " ORDER BY " + t[1]));
        }
        return tables;
    }

    /** pkl_agg_send_hour as the engine computes it from all raw events (the fold computes it in Java). */
    private static final String SEND_HOURS_BY_THE_ENGINE = """
            SELECT h.campaign_id, CAST(h.hour_no AS INT) AS hour_no,
                   CAST(SUM(CASE WHEN h.event_type = 'open' THEN 1 ELSE 0 END) AS INT) AS opens_raw,
                   CAST(SUM(CASE WHEN h.event_type = 'open' AND h.is_clean = 1 THEN 1 ELSE 0 END) AS INT) AS opens_clean,
                   CAST(SUM(CASE WHEN h.event_type = 'click' THEN 1 ELSE 0 END) AS INT) AS clicks_raw,
                   CAST(SUM(CASE WHEN h.event_type = 'click' AND h.is_clean = 1 THEN 1 ELSE 0 END) AS INT) AS clicks_clean
            FROM (
                SELECT b.campaign_id, b.event_type, b.is_clean,
                       CASE WHEN b.event_time < b.base THEN -1 ELSE DATEDIFF(SECOND, b.base, b.event_time) / 3600 END
                           AS hour_no
                FROM (
                    SELECT e.campaign_id, e.event_time, e.event_type, e.is_clean,
                           COALESCE(s.sent_at, c.sent_at, c.starts_at) AS base
                    FROM pkl_event e
                    LEFT JOIN pkl_send s ON s.campaign_id = e.campaign_id AND s.recipient_id = e.recipient_id
                    LEFT JOIN pkl_campaign c ON c.campaign_id = e.campaign_id
                    WHERE e.event_type IN ('open', 'click') AND e.campaign_id IS NOT NULL
                      AND e.recipient_id IS NOT NULL
                ) b
                WHERE b.base IS NOT NULL
            ) h
            GROUP BY h.campaign_id, h.hour_no
            ORDER BY h.campaign_id, h.hour_no""";

    /** pkl_agg_hour as the engine computes it from all raw events. */
    private static final String HOURS_BY_THE_ENGINE = """
            SELECT h.campaign_id, h.hour_start,
                   CAST(SUM(CASE WHEN h.event_type = 'open' THEN 1 ELSE 0 END) AS INT) AS opens_raw,
                   CAST(SUM(CASE WHEN h.event_type = 'open' AND h.is_clean = 1 THEN 1 ELSE 0 END) AS INT) AS opens_clean,
                   CAST(SUM(CASE WHEN h.event_type = 'click' THEN 1 ELSE 0 END) AS INT) AS clicks_raw,
                   CAST(SUM(CASE WHEN h.event_type = 'click' AND h.is_clean = 1 THEN 1 ELSE 0 END) AS INT) AS clicks_clean
            FROM (
                SELECT e.campaign_id, e.event_type, e.is_clean,
                       DATEADD(HOUR, DATEDIFF(HOUR, CAST('2000-01-01' AS DATETIME2(3)), e.event_time),
                               CAST('2000-01-01' AS DATETIME2(3))) AS hour_start
                FROM pkl_event e
                WHERE e.event_type IN ('open', 'click') AND e.campaign_id IS NOT NULL AND e.recipient_id IS NOT NULL
            ) h
            GROUP BY h.campaign_id, h.hour_start
            ORDER BY h.campaign_id, h.hour_start""";

    private AggregateMaintainer slicedBy(int events) {
        return new AggregateMaintainer(dataSource, Clock.systemUTC(), events);
    }

    /** With the rebuild's sorted runs below {@code temp}. */
    private AggregateMaintainer slicedBy(int events, Path temp) {
        return new AggregateMaintainer(dataSource, Clock.systemUTC(), events, 0, temp);
    }

    @Test
    void flagsChangedLaterNeedRebuild() {
        // The import re-flags c7 (R04's only clean click) as a scanner: until rebuild the aggregates keep it.
        new RawEventDao(dataSource).updateFlags(Map.of(events.get("c7").eventId(),
                new EventFlags(false, true, false, false, false, "scanner", "gateway", "unknown")));
        aggregates.addFile(file1);
        assertThat(report.campaign("CA")).get().extracting(c -> c.kpis().clicksClean()).isEqualTo(5L);
        aggregates.rebuild();
        assertThat(report.campaign("CA")).get().satisfies(c -> {
            assertThat(c.kpis().clicksClean()).isEqualTo(4);
            assertThat(c.kpis().uniqueClicksClean()).isEqualTo(3);
        });
        assertThat(report.attributionOf("O1")).isEmpty();
        assertThat(report.revenue("CA")).get().extracting(RevenueKpis::orders, RevenueKpis::revenueNet)
                .containsExactly(1L, m4("1500"));
    }

    @Test
    void flagsChangedInOneCampaignNeedOnlyItsRebuildWhichEqualsAWholeOne() {
        // As above, c7 of CA becomes a scanner's click; CA alone is rebuilt, three events per transaction.
        new RawEventDao(dataSource).updateFlags(Map.of(events.get("c7").eventId(),
                new EventFlags(false, true, false, false, false, "scanner", "gateway", "unknown")));
        aggregates.addFile(file1);
        AggregateMaintainer.CampaignsRebuilt rebuilt = slicedBy(3).rebuildCampaigns(List.of("CA"));
        assertThat(rebuilt.campaigns()).containsExactly("CA");
        assertThat(rebuilt.whole()).isFalse();
        assertThat(aggregates.rebuildInProgress()).isEmpty();
        assertThat(report.campaign("CA")).get().satisfies(c -> {
            assertThat(c.kpis().clicksClean()).isEqualTo(4);
            assertThat(c.kpis().uniqueClicksClean()).isEqualTo(3);
        });
        assertThat(report.attributionOf("O1")).as("the order its click won is attributed again").isEmpty();
        Snapshot campaignOnly = snapshot();
        aggregates.rebuild();
        assertThat(snapshot()).isEqualTo(campaignOnly);
    }

    @Test
    void aCampaignRebuildAfterAnInterruptedWholeOneRunsTheWholeRebuild() {
        Snapshot incremental = snapshot();
        assertThatThrownBy(() -> slicedBy(3).rebuild((done, upto) -> {
            throw new IllegalStateException("killed");
        })).hasMessage("killed");
        // Rebuilding CB alone and handing the tables back would leave CA half-filled and called complete.
        AggregateMaintainer.CampaignsRebuilt rebuilt = aggregates.rebuildCampaigns(List.of("CB"));
        assertThat(rebuilt.whole()).isTrue();
        assertThat(aggregates.rebuildInProgress()).isEmpty();
        assertThat(snapshot()).isEqualTo(incremental);
    }

    @Test
    void attributionFollowsNewOrdersAndNewClicksWithoutRedoingTheWholeOrderBook() {
        OrderAttribution attribution = new OrderAttribution(dataSource,
                Clock.fixed(Instant.parse("2026-11-05T00:00:00Z"), ZoneOffset.UTC));
        attribution.recomputeAll();
        // An order entered promptly: R08 bought on 11-04 after clicking CA's btn on 11-03.
        order("O9", "R08", "2026-11-04T12:00:00", "700.00", false, null);
        assertThat(report.attributionOf("O9")).isEmpty(); // not before the next refresh
        assertThat(attribution.refresh()).contains(Instant.parse("2026-11-03T00:00:00Z"));
        assertThat(report.attributionOf("O9")).get().extracting(AttributedOrder::campaignId, AttributedOrder::linkId)
                .containsExactly("CA", "btn");
        // A return booked weeks later, long after the order's attribution was decided, still reaches the revenue.
        order("O9R", "R08", "2026-11-20T09:00:00", "-200.00", true, "O9");
        attribution.refresh();
        assertThat(report.attributionOf("O9")).get()
                .extracting(AttributedOrder::returnedNetAmount, AttributedOrder::revenueNet)
                .containsExactly(m4("200"), m4("500"));

        // An order keyed in more than LATE_ENTRY after its time is not looked at again...
        order("O10", "R03", "2026-11-02T14:00:00", "90.00", false, null);
        attribution.refresh();
        assertThat(report.attributionOf("O10")).isEmpty(); // R03's only click so far was a bot's
        // ...until a clean click before it is folded: then every order after that click is re-attributed.
        long file3 = new ImportFileDao(dataSource).start("proklik-n1-20261104T100000000Z-000003.csv", "n1",
                "c3".repeat(32), 100L, S);
        new RawEventDao(dataSource).insertBatch(file3, List.of(
                ev("c9", "click", "GET", "CA", "R03", "btn", "A", S.plus(m(240)), EventFlags.NONE)));
        aggregates.addFile(file3);
        assertThat(attribution.refresh()).contains(S.plus(m(240)));
        assertThat(report.attributionOf("O10")).get().extracting(AttributedOrder::clickEventId)
                .isEqualTo(events.get("c9").eventId());
        // The same as attributing everything from scratch.
        List<AttributedOrder> incremental = report.attributedOrders("CA");
        Optional<RevenueKpis> revenue = report.revenue("CA");
        List<VariantKpis> variants = report.variants("CA");
        attribution.recomputeAll();
        assertThat(report.attributedOrders("CA")).isEqualTo(incremental);
        assertThat(report.revenue("CA")).isEqualTo(revenue);
        assertThat(report.variants("CA")).isEqualTo(variants);
        // O10 and O5 (R03's order of 11-04, also after c9) joined O4 and O1 (and O9 of R08): 5 orders.
        assertThat(revenue).get().extracting(RevenueKpis::orders).isEqualTo(5L);
    }

    @Test
    void sendCountsFollowEveryWriteOfPklSend() {
        SendDao sends = new SendDao(dataSource);
        // R01 moves from A to B and turns out failed, R11 is added without a variant, R03 bounces after the fact.
        sends.upsert(List.of(new Send("CA", "R01", "r01@example.com", "B", null, SendStatus.FAILED, "timeout", null,
                        null), Send.sent("CA", "R11", "r11@example.com", null, S)));
        assertThat(sends.markBounced("CA", "R03", BounceKind.HARD, S.plus(m(7)), "550 gone")).isTrue();
        assertThat(sends.markBounced("CA", "R99", BounceKind.HARD, S.plus(m(7)), "550 gone")).isFalse();

        Kpis ca = report.campaign("CA").orElseThrow().kpis();
        assertThat(ca).extracting(Kpis::recipients, Kpis::sent, Kpis::failed, Kpis::bounced, Kpis::bouncedHard,
                Kpis::bouncedSoft, Kpis::delivered).containsExactly(11L, 9L, 2L, 3L, 2L, 1L, 6L);
        List<List<Object>> sendsPerVariant = sendFigures(report.variants("CA"));
        assertThat(sendsPerVariant).containsExactly(
                List.of("A", 4L, 3L, 1L, 2L, 2L, 0L),
                List.of("B", 6L, 5L, 1L, 1L, 0L, 1L),
                Arrays.asList(null, 1L, 1L, 0L, 0L, 0L, 0L));
        // Counting pkl_send from scratch agrees with the counts kept along the way.
        aggregates.rebuild();
        assertThat(sendFigures(report.variants("CA"))).isEqualTo(sendsPerVariant);
    }

    private static List<List<Object>> sendFigures(List<VariantKpis> variants) {
        return variants.stream().map(v -> Arrays.<Object>asList(v.variant(), v.kpis().recipients(),
                v.kpis().sent(), v.kpis().failed(), v.kpis().bounced(), v.kpis().bouncedHard(),
                v.kpis().bouncedSoft())).toList();
    }

    @Test
    void mostActiveRecipientsAreTheTopOfTheFullList() {
        // The report's order list: largest net revenue first (O4 1,800 - 300 returned = 1,500; O1 1,000).
        assertThat(report.largestAttributedOrders("CA", 1)).extracting(AttributedOrder::orderId).containsExactly("O4");
        assertThat(report.largestAttributedOrders("CA", 5)).extracting(AttributedOrder::orderId)
                .containsExactly("O4", "O1");
        // Clean clicks, then raw clicks, then clean opens, then id.
        assertThat(report.mostActiveRecipients("CA", 20)).extracting(RecipientReaction::recipientId)
                .containsExactly("R01", "R04", "R08", "R02", "R03", "R09", "R10");
        assertThat(report.reactingRecipientCount("CA")).isEqualTo(7);

        // R06 bounced, has no event, but unsubscribed: a reaction without an aggregate row.
        new UnsubscribeDao(dataSource).record("CA", "R06", S.plus(m(300)), null);
        List<RecipientReaction> all = report.recipients("CA").stream().filter(RecipientReaction::reacted)
                .sorted(RecipientReaction.MOST_ACTIVE_FIRST).toList();
        assertThat(all).extracting(RecipientReaction::recipientId).endsWith("R09", "R10", "R06");
        for (int limit = 1; limit <= all.size() + 1; limit++) {
            assertThat(report.mostActiveRecipients("CA", limit))
                    .isEqualTo(all.subList(0, Math.min(limit, all.size())));
        }
        assertThat(report.reactingRecipientCount("CA")).isEqualTo(8);
        // The query by ids says exactly what the view says, for every kind of row (sent, bounced, failed, buyer, ...).
        for (String c : List.of("CA", "CB")) {
            List<RecipientReaction> viaView = report.recipients(c);
            assertThat(report.recipients(c, viaView.stream().map(RecipientReaction::recipientId).toList()))
                    .isEqualTo(viaView);
        }
        assertThat(report.recipientClicks("CA", List.of("R04", "R01")))
                .extracting(RecipientClick::recipientId, RecipientClick::linkId)
                .containsExactly(tuple("R01", "btn"), tuple("R01", "hero"), tuple("R04", "btn"),
                        tuple("R04", "hero"));
    }

    /** Everything every view says about both campaigns. */
    record Snapshot(List<Object> rows) {
    }

    private Snapshot snapshot() {
        List<Object> rows = new ArrayList<>();
        for (String c : List.of("CA", "CB")) {
            rows.add(report.campaign(c));
            rows.add(report.revenue(c));
            rows.addAll(report.variants(c));
            rows.addAll(report.links(c));
            for (Segment kind : List.of(Segment.REGION, Segment.LANGUAGE, Segment.ORGANISATION_CATEGORY)) {
                rows.addAll(report.linksBySegment(c, kind));
            }
            rows.addAll(report.recipients(c));
            rows.addAll(report.recipientClicks(c));
            for (Granularity g : Granularity.values()) {
                rows.addAll(report.timeline(c, g));
            }
            rows.addAll(report.attributedOrders(c));
        }
        return new Snapshot(rows);
    }

    // ---------------------------------------------------------------- the data set

    private void erp() {
        jdbc.update("""
                INSERT INTO pkl_standin_organisation (organisation_id, name, country_code, region, category) VALUES
                    ('ORG-A', N'Pekárna Novák', 'CZ', N'Praha', N'retail'),
                    ('ORG-B', N'Strojírny Vysočina s.r.o.', 'CZ', N'Vysočina', N'wholesale')""");
        String[][] contacts = {
            {"R01", "Praha", "cs", "ORG-A"}, {"R02", "Praha", "cs", "ORG-B"}, {"R03", "Jihomoravský kraj", "cs", null},
            {"R04", "Bratislavský kraj", "sk", "ORG-A"}, {"R05", "Praha", "cs", null},
            {"R06", "Mazowieckie", "pl", "ORG-B"}, {"R07", "Praha", "cs", "ORG-A"},
            {"R08", "Jihomoravský kraj", "cs", null}, {"R09", "Praha", "cs", null},
            {"R10", "Bratislavský kraj", "sk", null}};
        for (String[] c : contacts) {
            jdbc.update("""
                    INSERT INTO pkl_standin_contact (contact_id, email, first_name, last_name, language_code, region,
                                                     country_code, organisation_id, email_consent)
                    VALUES (?, ?, N'Test', ?, ?, ?, 'CZ', ?, 1)""",
                    c[0], c[0].toLowerCase() + "@example.com", c[0], c[2], c[1], c[3]);
        }
        jdbc.update("""
                INSERT INTO pkl_standin_order (order_id, contact_id, organisation_id, ordered_at, currency, gross_amount,
                                               discount_amount, net_amount, is_return, return_of_order_id) VALUES
                    ('O1', 'R04', 'ORG-A', '2026-11-03 12:00:00.000', 'CZK', 1100.0000, 100.0000, 1000.0000, 0, NULL),
                    ('O2', 'R08', NULL, '2026-11-09 10:00:00.000', 'CZK', 700.0000, 0.0000, 700.0000, 0, NULL),
                    ('O3', 'R01', 'ORG-A', '2026-11-04 15:00:00.000', 'CZK', 500.0000, 0.0000, 500.0000, 0, NULL),
                    ('O4', 'R02', 'ORG-B', '2026-11-02 12:00:00.000', 'CZK', 2000.0000, 200.0000, 1800.0000, 0, NULL),
                    ('O4R', 'R02', 'ORG-B', '2026-11-05 08:00:00.000', 'CZK', -300.0000, 0.0000, -300.0000, 1, 'O4'),
                    ('O5', 'R03', NULL, '2026-11-04 12:00:00.000', 'CZK', 300.0000, 0.0000, 300.0000, 0, NULL)""");
    }

    private void order(String id, String contact, String orderedAt, String amount, boolean isReturn, String returnOf) {
        jdbc.update("""
                INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at, currency, gross_amount,
                                               discount_amount, net_amount, is_return, return_of_order_id)
                VALUES (?, ?, ?, 'CZK', ?, 0, ?, ?, ?)""", id, contact, LocalDateTime.parse(orderedAt),
                new BigDecimal(amount), new BigDecimal(amount), isReturn, returnOf);
    }

    private void campaigns() {
        CampaignDao campaigns = new CampaignDao(dataSource, Clock.fixed(S.minusSeconds(3600),
                ZoneOffset.UTC));
        campaigns.register(new Campaign("CA", "Autumn coffee", "Káva", "2026-11-02_promo_coffee", "newsletter",
                S.minusSeconds(600), S, 5, CampaignStatus.DONE));
        campaigns.register(new Campaign("CB", "Winter tea", "Čaj", "2026-11-04_promo_tea", "newsletter",
                S2.minusSeconds(600), S2, 5, CampaignStatus.DONE));
        campaigns.register(Campaign.draft("CX", "Not sent yet", null, "2026-12-01_draft"));
        campaigns.saveLink(new CampaignLink("CA", "hero", "Hero image", "https://shop.example.com/coffee", 1));
        campaigns.saveLink(new CampaignLink("CA", "btn", "Buy button", "https://shop.example.com/buy", 2));
        campaigns.saveLink(new CampaignLink("CA", "footer", "Footer link", "https://shop.example.com/", 3));
        campaigns.saveLink(new CampaignLink("CB", "tea", "Tea", "https://shop.example.com/tea", 1));
        campaigns.saveVariant(new CampaignVariant("CA", "A", "Subject A", new BigDecimal("50.00")));
        campaigns.saveVariant(new CampaignVariant("CA", "B", "Subject B", new BigDecimal("50.00")));
    }

    private void sends() {
        List<Send> rows = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String r = "R%02d".formatted(i);
            String variant = i % 2 == 1 ? "A" : "B";
            String email = r.toLowerCase() + "@example.com";
            rows.add(switch (r) {
                case "R05" -> new Send("CA", r, email, variant, S, SendStatus.BOUNCED, "550 5.1.1 no such user",
                        BounceKind.HARD, S.plus(m(5)));
                case "R06" -> new Send("CA", r, email, variant, S, SendStatus.BOUNCED, "452 mailbox full",
                        BounceKind.SOFT, S.plus(m(60)));
                case "R07" -> new Send("CA", r, email, variant, null, SendStatus.FAILED, "SMTP timeout", null, null);
                default -> Send.sent("CA", r, email, variant, S);
            });
        }
        for (int i = 1; i <= 4; i++) {
            String r = "R%02d".formatted(i);
            rows.add(Send.sent("CB", r, r.toLowerCase() + "@example.com", null, S2));
        }
        new SendDao(dataSource).upsert(rows);
    }

    private RawEvent ev(String name, String type, String method, String campaign, String recipient, String link,
                        String variant, Instant time, EventFlags flags) {
        RawEvent e = new RawEvent(UUID.randomUUID().toString(), time, type, method, campaign, recipient, link,
                variant, "click".equals(type) ? "https://shop.example.com/" : null, "k1",
                "rejected".equals(type) ? "BAD_SIGNATURE" : null, "192.0.2.0", "Mozilla/5.0 (X11)", "n1", null,
                (long) events.size() + 1, flags);
        events.put(name, e);
        return e;
    }

    private static Duration m(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    /** A rate as the views return it: scale 4. */
    private static BigDecimal r(String value) {
        return new BigDecimal(value).setScale(4);
    }

    /** Money as the views return it: scale 4. */
    private static BigDecimal m4(String value) {
        return new BigDecimal(value).setScale(4);
    }

    private static LinkSegmentKpis seg(String link, String kind, String value, long raw, long clean, long uRaw,
                                       long uClean) {
        return new LinkSegmentKpis("CA", link, kind, value, raw, clean, uRaw, uClean);
    }

    private static TimelinePoint hour(String campaign, int hourNo, long oRaw, long oClean, long cRaw, long cClean) {
        return new TimelinePoint(campaign, Granularity.HOURS_SINCE_SEND, hourNo, null, oRaw, oClean, cRaw, cClean);
    }

    private static TimelinePoint period(String campaign, Granularity g, String start, long oRaw, long oClean,
                                        long cRaw, long cClean) {
        return new TimelinePoint(campaign, g, null, LocalDate.parse(start), oRaw, oClean, cRaw, cClean);
    }
}
