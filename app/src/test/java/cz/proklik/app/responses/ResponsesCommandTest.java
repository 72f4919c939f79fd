package cz.proklik.app.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cz.proklik.app.Cli;
import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignStatus;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.SchemaMigrator;
import cz.proklik.erp.event.EventFlags;
import cz.proklik.erp.event.RawEvent;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendDao;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code proklik responses import} through the real CLI, and what the reports then show: a campaign of 4 sends with
 * 2 clicking recipients gets 3 responses from a CSV (one bad row beside them); the responses are a figure of their
 * own, listed with their notes as the proof, and no click figure or rate moves.
 */
class ResponsesCommandTest {
    private static final Instant SENT = Instant.parse("2026-11-02T08:00:00Z");

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    @BeforeEach
    void campaignWithClicks() {
        try (Database db = Database.embedded(home)) {
            SchemaMigrator.of(db).migrate();
            new CampaignDao(db.dataSource()).register(new Campaign("C1", "November offer", null, "2026-11_offer",
                    "newsletter", SENT, SENT, 5, CampaignStatus.DONE));
            new SendDao(db.dataSource()).upsert(IntStream.rangeClosed(1, 4)
                    .mapToObj(i -> Send.sent("C1", "R" + i, "r" + i + "@example.com", null, SENT)).toList());
            long file = new ImportFileDao(db.dataSource()).start("proklik-n1-20261102T090000000Z-000001.csv", "n1",
                    "a1".repeat(32), 100L, SENT);
            new RawEventDao(db.dataSource()).insertBatch(file, List.of(click("R1", 10), click("R2", 20)));
            new AggregateMaintainer(db.dataSource()).addFile(file);
        }
    }

    private static RawEvent click(String recipient, int minutes) {
        return new RawEvent(UUID.randomUUID().toString(), SENT.plusSeconds(minutes * 60L), "click", "GET", "C1",
                recipient, "hero", null, "https://shop.example.com/", "k1", null, "192.0.2.0", "Mozilla/5.0 (X11)",
                "n1", null, 1L, EventFlags.NONE);
    }

    private Path csv() throws Exception {
        Path file = home.resolve("responses.csv");
        Files.writeString(file, String.join("\n",
                "campaign_id,recipient_id,kind,time,note",
                "C1,R1,reply,2026-11-02T10:15:00Z,Asks for a quote",
                "C1,R1,call,2026-11-03T09:00:00Z,",
                "C1,R3,visit,2026-11-04T14:30:00Z,Came to the showroom",
                "C1,R4,letter,2026-11-04T15:00:00Z,not a kind",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void goodRowsGoInBadOnesAreListedWithTheirLineAndASecondImportAddsNothing() throws Exception {
        Path file = csv();

        Cli.Result first = Cli.run(env(), "responses", "import", file.toString());

        assertThat(first.exitCode()).as("a refused row makes it exit 1").isEqualTo(1);
        assertThat(first.err()).contains("responses.csv:5: kind must be reply, call, visit or other: 'letter'");
        assertThat(first.out()).contains("Responses: 4 rows, 3 imported, 0 already there, 1 refused");

        Cli.Result again = Cli.run(env(), "responses", "import", file.toString());
        assertThat(again.out()).contains("Responses: 4 rows, 0 imported, 3 already there, 1 refused");

        Cli.Result missing = Cli.run(env(), "responses", "import", home.resolve("none.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
    }

    @Test
    void theReportCountsResponsesApartAndListsThemAsTheProof() throws Exception {
        Cli.Result before = Cli.run(env(), "report", "campaign", "C1");
        Cli.run(env(), "responses", "import", csv().toString());

        Cli.Result r = Cli.run(env(), "report", "campaign", "C1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(line(r.out(), "responses")).matches("responses\\s+3");
        assertThat(line(r.out(), "responding recipients")).matches("responding recipients\\s+2");
        assertThat(line(r.out(), "  visits")).matches("  visits\\s+1");
        assertThat(line(r.out(), "R3 ")).matches("R3\\s+visit\\s+2026-11-04 14:30:00\\s+Came to the showroom");
        assertThat(r.out()).contains("Asks for a quote");
        for (String figure : List.of("clicks", "unique clicks", "CTR (unique clicks / delivered)", "opens")) {
            assertThat(line(r.out(), figure)).as(figure).isEqualTo(line(before.out(), figure));
        }
        assertThat(line(r.out(), "unique clicks")).matches("unique clicks\\s+2\\s+2");
        // R1 clicked and responded twice: the recipients table says so beside the clicks.
        assertThat(line(r.out(), "R1  ")).contains("hero 1/1").matches(".*no\\s+2\\s+0\\s+.*");

        Cli.Result overview = Cli.run(env(), "report", "campaigns", "--format", "json");
        JsonNode c1 = new ObjectMapper().readTree(overview.out()).get("campaigns").get(0);
        assertThat(c1.get("responses").get("responses").asLong()).isEqualTo(3);
        assertThat(c1.get("campaign").get("kpis").get("uniqueClicksRaw").asLong()).isEqualTo(2);
        Cli.Result text = Cli.run(env(), "report", "campaigns");
        assertThat(text.out()).contains("responses");
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start) && (l.length() == start.length()
                        || l.startsWith("  ", start.length()) || start.endsWith(" ")))
                .findFirst().orElseThrow(() -> new AssertionError("no line starting with '" + start + "' in\n" + text));
    }
}
