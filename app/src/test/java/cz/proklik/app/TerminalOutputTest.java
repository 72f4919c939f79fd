package cz.proklik.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.opencsv.CSVReader;
import cz.proklik.erp.db.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command prints can never steer the terminal it is shown on (issue 19 item 10): data holding escape
 * sequences, BEL, C1 controls, CR/LF or bidi overrides is shown inert, and the rest of the value still reads.
 */
class TerminalOutputTest {
    /** Colour, a CSI clear-screen, an OSC title, BEL, a C1 CSI, a forged line, a bidi override, an isolate. */
    static final String EVIL = "Evil\u001b[31mRED\u001b[2J\u001b]0;pwned\u0007\u009b1m\r\nFAKE LINE\u202Eexe.txt\u2066x\u2069";

    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    @BeforeEach
    void campaignWithAHostileName() {
        Cli.Result add = Cli.run(env(), "campaigns", "add", "C1", "--name", EVIL, "--utm-campaign", "u" + EVIL,
                "--sent-at", "2026-11-25T09:00:00Z");
        assertThat(add.exitCode()).as(add.err()).isZero();
    }

    static void assertInert(String printed) {
        assertNoControls(printed);
        assertThat(printed).as("a value never starts a line of its own").doesNotContainPattern("(?m)^FAKE LINE");
    }

    static void assertNoControls(String printed) {
        for (int i = 0; i < printed.length(); i++) {
            char c = printed.charAt(i);
            assertThat(c == 0x1b || c == 0x07 || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || (c == '\r' && (i + 1 == printed.length()
                    || printed.charAt(i + 1) != '\n')))
                    .as("character U+%04X at %d of:%n%s", (int) c, i, printed).isFalse();
        }
    }

    @Test
    void campaignsList() {
        Cli.Result list = Cli.run(env(), "campaigns", "list");
        assertThat(list.exitCode()).isZero();
        assertInert(list.out());
        assertThat(list.out()).contains("Evil?[31mRED", "FAKE LINE");
    }

    @Test
    void campaignStatus() {
        Cli.Result r = Cli.run(env(), "campaign", "status", "C1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertInert(r.out());
        assertThat(r.out()).contains("C1", "Evil?[31mRED", "queued 0");
    }

    @Test
    void followupRulesAndQueue() {
        Cli.Result rule = Cli.run(env(), "followups", "rules", "add", "--campaign", "C1", "--when", "clicked_any",
                "--kind", "task", "--owner", "novak", "--text", EVIL + " {name}");
        assertThat(rule.exitCode()).as(rule.err()).isZero();
        Cli.Result sends = Cli.run(env(), "followups", "create", "--campaign", "C1", "--recipient", "R1001", "--kind",
                "task", "--owner", "novak", "--text", EVIL);
        assertThat(sends.exitCode()).as(sends.err()).isZero();
        for (Cli.Result r : new Cli.Result[] {sends, Cli.run(env(), "followups", "rules", "list"),
                Cli.run(env(), "followups", "list")}) {
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertInert(r.out());
            // The rule shows its template as typed (guarded); an item's text had its controls made spaces when made.
            assertThat(r.out()).containsPattern("Evil[? ]\\[31mRED");
        }
    }

    @Test
    void triggersRunAndList() throws Exception {
        Path tpl = Files.createDirectories(home.resolve("tpl"));
        Files.writeString(tpl.resolve("template.properties"), "id=cart\nname=Kosik\nfrom.address=shop@example.com\n");
        Files.writeString(tpl.resolve("cs.html"), "<html><head><title>Kosik</title></head><body>"
                + "<a href=\"https://shop.example.com/\">x</a></body></html>");
        assertThat(Cli.run(env(), "template", "import", tpl.toString()).exitCode()).isZero();
        assertThat(Cli.run(env(), "triggers", "add", "cart", "--kind", "abandoned_cart", "--hours", "1",
                "--template", "cart", "--active-from", "2020-01-01").exitCode()).isZero();
        try (Database db = Database.embedded(home)) {
            // An ERP cart id with controls, for a contact without consent (so nothing is sent, the reason shown).
            JdbcTemplate sql = new JdbcTemplate(db.dataSource());
            sql.update("INSERT INTO pkl_standin_cart VALUES (?, 'R1004', NULL, ?, 2, NULL)", "K" + EVIL.substring(0, 40),
                    Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).minusHours(3)));
        }
        Cli.Result run = Cli.run(env(), "triggers", "run");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("not mailed no_consent 1");
        for (Cli.Result r : new Cli.Result[] {run, Cli.run(env(), "triggers", "list"),
                Cli.run(env(), "triggers", "list", "cart")}) {
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertInert(r.out());
        }
        assertThat(Cli.run(env(), "triggers", "list", "cart").out()).contains("cart KEvil?[31mRED");
    }

    @Test
    void segmentsListAndShow() {
        Cli.Result saved = Cli.run(env(), "segments", "save", "s1", "--campaign", "C1", "--rule", "clicked_any",
                "--description", EVIL);
        assertThat(saved.exitCode()).as(saved.err()).isZero();
        for (String verb : new String[] {"list", "show"}) {
            Cli.Result r = verb.equals("list") ? Cli.run(env(), "segments", "list") : Cli.run(env(), "segments", "show", "s1");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertInert(r.out());
            assertThat(r.out()).contains("s1", "Evil?[31mRED", "FAKE LINE");
        }
    }

    @Test
    void reportCampaignsAsText() {
        Cli.Result r = Cli.run(env(), "report", "campaigns");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertInert(r.out());
        assertThat(r.out()).contains("C1", "Evil?[31mRED");
    }

    @Test
    void reportCampaignInEveryFormat() throws Exception {
        Cli.Result text = Cli.run(env(), "report", "campaign", "C1");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertInert(text.out());
        assertThat(text.out()).contains("Campaign report: ", "Evil?[31mRED");

        Cli.Result json = Cli.run(env(), "report", "campaign", "C1", "--format", "json");
        assertInert(json.out());
        // JSON escapes what it must, so a parser still gets the exact name back.
        assertThat(new ObjectMapper().readTree(json.out())
                .path("campaign").path("name").asText()).isEqualTo(EVIL);

        // CSV is for spreadsheets: a line break inside a quoted value stays (RFC 4180) so the cell reads back whole;
        // every other control is shown inert like everywhere else.
        Cli.Result csv = Cli.run(env(), "report", "campaign", "C1", "--format", "csv");
        assertNoControls(csv.out());
        List<String> cells = new ArrayList<>();
        try (CSVReader reader = new CSVReader(new StringReader(csv.out()))) {
            reader.forEach(row -> cells.addAll(List.of(row)));
        }
        // (opencsv hands a line break inside a cell back as LF)
        assertThat(cells).contains(EVIL.replaceAll("[\u001b\u0007\u009b\u202e\u2066\u2069]", "?")
                .replace("\r\n", "\n"));
    }

    @Test
    void anUnknownCampaignIdIsEchoedInert() {
        Cli.Result r = Cli.run(env(), "report", "campaign", "X" + EVIL);
        assertThat(r.exitCode()).isEqualTo(2);
        assertInert(r.err());
    }

    /** A response's note is free text from outside: in the report it is data like any other. */
    @Test
    void responsesImportErrorLinesAndTheNoteInTheReport() throws Exception {
        Path responses = home.resolve("responses.csv");
        Files.writeString(responses, "campaign_id,recipient_id,kind,time,note\nC1,R1,reply,2026-11-25T10:00:00Z,\""
                + EVIL + "\"\nC1,R2,\"x" + EVIL + "\",2026-11-25T10:00:00Z,\n", StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(env(), "responses", "import", responses.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertInert(r.err());
        assertThat(r.err()).as("the note before it spans two lines").contains("responses.csv:4:", "Evil?[31mRED");

        Cli.Result text = Cli.run(env(), "report", "campaign", "C1");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertInert(text.out());
        assertThat(text.out()).contains("Evil?[31mRED");
    }

    @Test
    void sendsImportErrorLines() throws Exception {
        Path sends = home.resolve("sends.csv");
        Files.writeString(sends, "campaign_id,recipient_id,email,status\nC1,R1,\"x" + EVIL + "\",sent\n",
                StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(env(), "sends", "import", sends.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertInert(r.err());
        assertThat(r.err()).contains("sends.csv:2:", "Evil?[31mRED");
    }

    @Test
    void campaignLinksListAndImportErrorLines() throws Exception {
        Path links = home.resolve("links.csv");
        Files.writeString(links, "campaign,link,description,target\nC1,hero,\"d" + EVIL + "\",https://shop.example.com/\n"
                + "C1,\"x" + EVIL + "\",d,https://shop.example.com/\n", StandardCharsets.UTF_8);
        Cli.Result imported = Cli.run(env(), "campaigns", "links", "import", links.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertInert(imported.err());
        assertThat(imported.err()).contains("links.csv:4:", "Evil?[31mRED"); // the row starts on line 4: a quoted CR LF above
        Cli.Result list = Cli.run(env(), "campaigns", "links", "list", "C1");
        assertThat(list.exitCode()).isZero();
        assertInert(list.out());
        assertThat(list.out()).contains("hero", "Evil?[31mRED");
    }

    @Test
    void privacyForgetEchoesTheIdInert() {
        Cli.Result r = Cli.run(env(), "privacy", "forget", "R" + EVIL);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertInert(r.out());
        assertThat(r.out()).contains("nothing stored");
    }
}
