package cz.proklik.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import cz.proklik.app.Cli;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import cz.proklik.erp.send.SendStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The report commands on a small hand-made campaign, checked for the figures a marketer would look up: 10 sent,
 * 8 delivered (2 bounced), 4 recipients clicked of whom 3 cleanly (the fourth is a bot), 1 attributed order.
 */
class ReportCommandTest {
    private static final String NAME = "<script>alert(1)</script> Black Friday";
    private static final Instant SENT = Instant.parse("2026-11-02T08:00:00Z");

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    @BeforeEach
    void campaignWithReactions() {
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            CampaignDao campaigns = new CampaignDao(db.dataSource());
            campaigns.register(new Campaign("C1", NAME, null, "2026-11-02_black_friday", "newsletter", SENT, SENT, 5,
                    CampaignStatus.DONE));
            campaigns.saveLink(new CampaignLink("C1", "hero", "Hero <b>banner</b>", "https://shop.example.com/bf", 1));
            campaigns.saveLink(new CampaignLink("C1", "footer", "=HYPERLINK(\"x\")", "https://shop.example.com/", 2));
            List<Send> sends = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                sends.add(Send.sent("C1", "R0" + i, "r" + i + "@example.com", i % 2 == 0 ? "B" : "A", SENT));
            }
            sends.add(new Send("C1", "R09", "r9@example.com", "A", SENT, SendStatus.BOUNCED, "550", BounceKind.HARD,
                    SENT.plusSeconds(60)));
            sends.add(new Send("C1", "R10", "r10@example.com", "B", SENT, SendStatus.BOUNCED, "452", BounceKind.SOFT,
                    SENT.plusSeconds(60)));
            new SendDao(db.dataSource()).upsert(sends);

            long file = new ImportFileDao(db.dataSource()).start("proklik-n1-20261102T090000000Z-000001.csv", "n1",
                    "a1".repeat(32), 100L, SENT);
            EventFlags bot = new EventFlags(true, false, false, false, false, "Robot", "curl", "Robot");
            EventFlags mpp = new EventFlags(false, false, false, true, false, "Browser", "Safari", "Phone");
            new RawEventDao(db.dataSource()).insertBatch(file, List.of(
                    ev("open", "R01", null, "A", 10, EventFlags.NONE),
                    ev("click", "R01", "hero", "A", 12, EventFlags.NONE),
                    ev("click", "R01", "hero", "A", 13, EventFlags.NONE),
                    ev("open", "R02", null, "B", 30, EventFlags.NONE),
                    ev("click", "R02", "hero", "B", 31, EventFlags.NONE),
                    ev("click", "R03", "footer", "A", 90, EventFlags.NONE),
                    ev("click", "R04", "hero", "B", 5, bot),
                    ev("open", "R05", null, "A", 2, mpp)));
            new AggregateMaintainer(db.dataSource()).addFile(file);
            new JdbcTemplate(db.dataSource()).update("INSERT INTO pkl_standin_order (order_id, contact_id, ordered_at,"
                    + " currency, gross_amount, discount_amount, net_amount, is_return) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    "O-1", "R01", LocalDateTime.ofInstant(SENT.plusSeconds(3 * 3600), ZoneOffset.UTC), "CZK",
                    new BigDecimal("1200.00"), new BigDecimal("200.00"), new BigDecimal("1000.00"), false);
            new AggregateMaintainer(db.dataSource()).attribution().refresh(); // as the next import run does
        }
    }

    private static RawEvent ev(String type, String recipient, String link, String variant, int minutes,
                               EventFlags flags) {
        return new RawEvent(UUID.randomUUID().toString(), SENT.plusSeconds(minutes * 60L), type, "GET", "C1", recipient,
                link, variant, link == null ? null : "https://shop.example.com/", "k1", null, "192.0.2.0",
                "Mozilla/5.0 (X11)", "n1", null, 1L, flags);
    }

    @Test
    void textShowsTheKpisRawAndCleanSideBySide() {
        Cli.Result r = Cli.run(env(), "report", "campaign", "C1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Campaign report: C1");
        assertThat(line(r.out(), "sent")).matches("sent\\s+10");
        assertThat(line(r.out(), "delivered")).matches("delivered\\s+8");
        assertThat(line(r.out(), "delivery rate")).matches("delivery rate\\s+80\\.0 %");
        assertThat(line(r.out(), "unique clicks")).as("raw 4 (with the bot), clean 3").matches("unique clicks\\s+4\\s+3");
        assertThat(line(r.out(), "CTR (unique clicks / delivered)")).matches(".*50\\.0 %\\s+37\\.5 %");
        assertThat(line(r.out(), "unique opens")).as("the MPP open counts only raw").matches("unique opens\\s+3\\s+2");
        assertThat(line(r.out(), "revenue net (after discount and returns)")).endsWith("1,000.00 CZK");
        assertThat(line(r.out(), "RPE (net revenue / sent)")).endsWith("100.00 CZK");
        assertThat(line(r.out(), "1  hero")).matches("1  hero\\s+Hero <b>banner</b>\\s+4\\s+3\\s+3\\s+2\\s+75\\.0 %");
        assertThat(line(r.out(), "R01 ")).contains("r1@example.com").contains("hero 2/2").endsWith("1,000.00 CZK");
        assertThat(r.out()).contains("variant A").contains("variant B").contains("+0 h").contains("+1 h");
    }

    @Test
    void aReportWarnsWhileARebuildHasLeftTheAggregatesIncompleteAndTheNextRebuildRestoresThem() {
        try (Database db = Database.embedded(home)) {
            AggregateMaintainer oneEventPerCommit = new AggregateMaintainer(db.dataSource(), Clock.systemUTC(), 1);
            assertThatThrownBy(() -> oneEventPerCommit.rebuild((done, upto) -> {
                throw new IllegalStateException("process killed");
            })).hasMessage("process killed");
        }
        Cli.Result during = Cli.run(env(), "report", "campaign", "C1");
        assertThat(during.exitCode()).as(during.err()).isZero();
        assertThat(during.err()).contains("WARNING: an aggregates rebuild started at").contains("has folded 1 of 8 raw events")
                .contains("incomplete");
        assertThat(line(during.out(), "unique clicks")).doesNotMatch("unique clicks\\s+4\\s+3");

        Cli.Result rebuild = Cli.run(env(), "aggregates", "rebuild");
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
        assertThat(rebuild.err()).contains("did not finish").contains("read raw events up to id");
        assertThat(rebuild.out()).contains("Aggregates rebuilt from raw events (ids up to 8)");

        Cli.Result after = Cli.run(env(), "report", "campaign", "C1");
        assertThat(after.err()).doesNotContain("WARNING");
        assertThat(line(after.out(), "unique clicks")).matches("unique clicks\\s+4\\s+3");
    }

    @Test
    void aForgottenRecipientIsGoneFromTheReportWhileItsFiguresStay() {
        Cli.Result forget = Cli.run(env(), "privacy", "forget", "R01", "R77");

        assertThat(forget.exitCode()).as(forget.err()).isZero();
        assertThat(forget.out()).contains("R01: erased (pkl_event 3, pkl_send 1,").contains("R77: nothing stored");
        Cli.Result r = Cli.run(env(), "report", "campaign", "C1");
        assertThat(r.out()).doesNotContain("R01 ").doesNotContain("r1@example.com").contains("erased:");
        assertThat(line(r.out(), "unique clicks")).matches("unique clicks\\s+4\\s+3");
        assertThat(line(r.out(), "revenue net (after discount and returns)")).endsWith("1,000.00 CZK");
    }

    @Test
    void recipientsOptionLimitsTheList() {
        Cli.Result r = Cli.run(env(), "report", "campaign", "C1", "--recipients", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Showing 2 of 5 reacting recipients").contains("R01 ").doesNotContain("R05 ");
    }

    @Test
    void csvParsesBackWithOneSectionPerTable() throws Exception {
        Cli.Result r = Cli.run(env(), "report", "campaign", "C1", "--format", "csv");

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String[]> rows;
        try (CSVReader csv = new CSVReader(new StringReader(r.out()))) {
            rows = csv.readAll();
        }
        assertThat(section(rows, "delivery").get(0)).containsExactly("metric", "value");
        assertThat(section(rows, "delivery")).anySatisfy(row -> assertThat(row).containsExactly("sent", "10"))
                .anySatisfy(row -> assertThat(row).containsExactly("delivered", "8"))
                .anySatisfy(row -> assertThat(row).containsExactly("delivery rate", "0.8000"));
        assertThat(section(rows, "reactions"))
                .anySatisfy(row -> assertThat(row).containsExactly("unique clicks", "4", "3"));
        String[] clicks = section(rows, "reactions").stream().filter(row -> row[0].equals("clicks")).findFirst()
                .orElseThrow();
        String[] opens = section(rows, "reactions").stream().filter(row -> row[0].equals("opens")).findFirst()
                .orElseThrow();
        List<String[]> noise = section(rows, "noise");
        assertThat(noise.get(0)).containsExactly("flag", "opens", "clicks");
        assertThat(noise).as("raw and clean beside what each flag removed")
                .anySatisfy(row -> assertThat(row).containsExactly("raw", opens[1], clicks[1]))
                .anySatisfy(row -> assertThat(row).containsExactly("clean", opens[2], clicks[2]))
                .anySatisfy(row -> assertThat(row).containsExactly("removed in all (raw - clean)",
                        Long.toString(Long.parseLong(opens[1]) - Long.parseLong(opens[2])),
                        Long.toString(Long.parseLong(clicks[1]) - Long.parseLong(clicks[2]))))
                .anySatisfy(row -> assertThat(row[0]).isEqualTo("open beside a click burst"));
        assertThat(section(rows, "links"))
                .anySatisfy(row -> assertThat(row).startsWith("1", "hero", "Hero <b>banner</b>", "4", "3"))
                .as("a formula from the ERP stays text in a spreadsheet")
                .anySatisfy(row -> assertThat(row[2]).isEqualTo("'=HYPERLINK(\"x\")"));
        assertThat(section(rows, "campaign"))
                .anySatisfy(row -> assertThat(row).containsExactly("name", NAME));
    }

    @Test
    void jsonHasEverySectionWithTheViewValues() throws Exception {
        Cli.Result r = Cli.run(env(), "report", "campaign", "C1", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode kpis = json.path("campaign").path("kpis");
        assertThat(kpis.path("sent").asLong()).isEqualTo(10);
        assertThat(kpis.path("delivered").asLong()).isEqualTo(8);
        assertThat(kpis.path("uniqueClicksClean").asLong()).isEqualTo(3);
        assertThat(kpis.path("ctrClean").decimalValue()).isEqualByComparingTo("0.375");
        assertThat(json.path("campaign").path("name").asText()).isEqualTo(NAME);
        assertThat(json.path("campaign").path("sentAt").asText()).isEqualTo("2026-11-02T08:00:00Z");
        assertThat(json.path("revenue").path("revenueNet").decimalValue()).isEqualByComparingTo("1000");
        assertThat(json.path("links")).hasSize(2);
        assertThat(json.path("linksBySegment").has("region")).isTrue();
        assertThat(json.path("variants")).hasSize(2);
        assertThat(json.path("timeline").path("hoursSinceSend")).isNotEmpty();
        assertThat(json.path("recipients").get(0).path("reaction").path("recipientId").asText()).isEqualTo("R01");
        assertThat(json.path("recipients").get(0).path("clicks").get(0).path("clicksClean").asLong()).isEqualTo(2);
    }

    @Test
    void htmlIsSelfContainedWithChartsAndEscapesEverythingFromTheDatabase() throws Exception {
        Path html = home.resolve("out/c1.html");

        Cli.Result r = Cli.run(env(), "report", "campaign", "C1", "--html", html.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<svg id=\"chart-funnel\"", "<svg id=\"chart-hourly\"", "<svg id=\"chart-daily\"",
                "<svg id=\"chart-links\"", "<polyline");
        assertThat(page).doesNotContain("<script").doesNotContain("<b>banner")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; Black Friday")
                .contains("Hero &lt;b&gt;banner&lt;/b&gt;");
        assertThat(page).as("nothing loaded from the network").doesNotContainPattern("(src|href)=\"https?:");
        assertThat(page).contains("37.5 %").contains("1,000.00 CZK");
        assertThat(r.err()).contains("HTML report written to");
    }

    @Test
    void campaignsListsOneLinePerCampaign() {
        assertThat(Cli.run(env(), "campaigns", "add", "C2", "--name", "Not sent yet", "--utm-campaign",
                "2026-12-01_xmas").exitCode()).isZero();

        Cli.Result r = Cli.run(env(), "report", "campaigns");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(line(r.out(), "C1 ")).matches("C1\\s+<script>alert\\(1\\)</script> Black Friday\\s+10\\s+8\\s+80\\.0 %"
                + "\\s+2\\s+25\\.0 %\\s+3\\s+37\\.5 %\\s+150\\.0 %\\s+0\\.00 %\\s+0\\s+1\\s+1,000\\.00 CZK\\s+100\\.00 CZK\\s+–");
        assertThat(line(r.out(), "C2 ")).as("a rate of nothing is unknown, not 0")
                .matches("C2\\s+Not sent yet\\s+0\\s+0\\s+–\\s+0\\s+–\\s+0\\s+–\\s+–\\s+–\\s+0\\s+0\\s+0\\.00\\s+–\\s+–");
    }

    @Test
    void anUnknownCampaignIsAUsageError() {
        Cli.Result r = Cli.run(env(), "report", "campaign", "NOPE");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no campaign with id 'NOPE'");
        assertThat(r.out()).isEmpty();
    }

    private static String line(String text, String start) {
        // The label must be followed by the column gap: "sent" is not "sent at (UTC)".
        return text.lines().filter(l -> l.startsWith(start) && (l.length() == start.length()
                        || l.startsWith("  ", start.length()) || start.endsWith(" ")))
                .findFirst().orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in\n" + text));
    }

    private static List<String[]> section(List<String[]> rows, String key) {
        List<String[]> out = new ArrayList<>();
        boolean in = false;
        for (String[] row : rows) {
            if (row.length == 1 && row[0].startsWith("# ")) {
                in = row[0].equals("# " + key);
                continue;
            }
            if (in && !(row.length == 1 && row[0].isEmpty())) {
                out.add(row);
            }
        }
        assertThat(out).as("section " + key).isNotEmpty();
        return out;
    }
}
