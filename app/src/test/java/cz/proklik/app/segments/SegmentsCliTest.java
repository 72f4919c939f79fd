package cz.proklik.app.segments;

import cz.proklik.app.Cli;
import cz.proklik.app.ReactionFixture;
import cz.proklik.erp.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reaction segments on real imported traffic (people, a crawler, Apple MPP, a scanner burst, a HEAD pre-fetch):
 * each rule lists exactly the recipients a person would pick by hand, the ERP reads them from pkl_segment_member,
 * and a mailer list built on a segment yields them minus the suppressed ones.
 */
class SegmentsCliTest {
    @TempDir
    Path home;

    private Map<String, String> env() {
        return Map.of("PROKLIK_HOME", home.toString());
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(env(), args);
        assertThat(r.exitCode()).as(String.join(" ", args) + ": " + r.err()).isZero();
        return r;
    }

    private List<String> members(String segment) {
        try (Database db = Database.embedded(home)) {
            return new JdbcTemplate(db.dataSource()).queryForList(
                    "SELECT contact_id FROM pkl_segment_member WHERE segment_id = ? ORDER BY contact_id", String.class,
                    segment);
        }
    }

    @Test
    void everyRuleListsExactlyTheRecipientsWhoseCleanReactionMatches() throws Exception {
        ReactionFixture fixture = new ReactionFixture(home).firstWave();

        assertThat(ok("segments", "save", "hero", "--campaign", "C1", "--rule", "clicked_link", "--link", "hero",
                "--description", "Clicked the hero banner").out()).contains("Segment hero saved: clicked_link hero in C1;"
                + " now 2 member(s)");
        ok("segments", "save", "clickers", "--campaign", "C1", "--rule", "clicked_any");
        ok("segments", "save", "lookers", "--campaign", "C1", "--rule", "opened_not_clicked");
        ok("segments", "save", "buyers", "--campaign", "C1", "--rule", "ordered");
        ok("segments", "save", "silent", "--campaign", "C1", "--rule", "not_opened");
        ok("segments", "save", "leavers", "--campaign", "C1", "--rule", "unsubscribed");

        // R1002's hero click was Googlebot's, R1003's the scanner burst's: neither counts.
        assertThat(members("hero")).containsExactly("R1001", "R1005");
        assertThat(members("clickers")).containsExactly("R1001", "R1004", "R1005");
        // R1003's only open came through Apple's MPP proxy: not an open anybody saw.
        assertThat(members("lookers")).containsExactly("R1002");
        // O-9102 of R1003 follows no clean click: not attributed, not a buyer of this campaign.
        assertThat(members("buyers")).containsExactly("R1001");
        assertThat(members("silent")).containsExactly("R1003");
        assertThat(members("leavers")).containsExactly("R1005");

        Cli.Result show = ok("segments", "show", "hero");
        assertThat(show.out()).contains("clicked_link hero in C1  Clicked the hero banner").contains("2 member(s)")
                .contains("R1001                    since " + fixture.timeOf("R1001", "click", "hero"))
                .contains("R1005                    since " + fixture.timeOf("R1005", "click", "hero"));
        assertThat(ok("segments", "list").out()).containsPattern("(?m)^buyers +ordered in C1 +1 member\\(s\\)")
                .containsPattern("(?m)^clickers +clicked_any in C1 +3 member\\(s\\)")
                .containsPattern("(?m)^silent +not_opened in C1 +1 member\\(s\\)");

        // The ERP joins the view to its contacts, with when each one qualified.
        try (Database db = Database.embedded(home)) {
            List<Map<String, Object>> rows = new JdbcTemplate(db.dataSource()).queryForList("""
                    SELECT c.last_name, m.since FROM pkl_segment_member m JOIN pkl_erp_contact c
                    ON c.contact_id = m.contact_id WHERE m.segment_id = 'buyers'""");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("last_name")).isEqualTo("Nováková");
            assertThat(((Timestamp) rows.get(0).get("since")).toLocalDateTime())
                    .isEqualTo(LocalDateTime.of(2026, 11, 26, 10, 0));
        }

        // Live: the next import's events move R1002 from "opened, did not click" to the hero clickers.
        fixture.secondWave();
        assertThat(members("hero")).containsExactly("R1001", "R1002", "R1005");
        assertThat(members("lookers")).isEmpty();
        assertThat(members("silent")).containsExactly("R1003");
        // Since = the person's own click, not the crawler's earlier one.
        assertThat(ok("segments", "show", "hero").out()).contains("R1002                    since "
                + ReactionFixture.SENT.plusSeconds(86_400));
    }

    @Test
    void aMailerListOnASegmentYieldsItsMembersMinusTheSuppressed() throws Exception {
        new ReactionFixture(home).firstWave();
        ok("segments", "save", "clickers", "--campaign", "C1", "--rule", "clicked_any");

        Cli.Result created = ok("list", "create", "follow-up", "--name", "Clicked the advent mail", "--where",
                "segment=clickers");
        // R1004 has no marketing consent, R1005 unsubscribed: out, with their reasons.
        assertThat(created.out()).contains("now 1 recipient(s), 2 excluded");
        Cli.Result shown = ok("list", "show", "follow-up", "--excluded");
        assertThat(shown.out()).contains("1 recipient(s), 2 excluded").contains("R1001")
                .containsPattern("R1004 .*no_consent").containsPattern("R1005 .*unsubscribed");
        // Combined with ERP criteria, and negated: Czech contacts who did not click.
        ok("list", "create", "cz-rest", "--name", "CZ rest", "--where", "segment!=clickers", "--where", "country=CZ");
        assertThat(ok("list", "show", "cz-rest").out()).contains("1 recipient(s)").contains("R1002")
                .doesNotContain("R1001");

        assertThat(Cli.run(env(), "list", "create", "x", "--name", "x", "--where", "segment=nobody").exitCode())
                .as("an unknown segment is a usage error").isEqualTo(2);
    }

    @Test
    void badInputIsAUsageErrorAndNothingIsSaved() throws Exception {
        new ReactionFixture(home).firstWave();
        Cli.Result noLink = Cli.run(env(), "segments", "save", "s1", "--campaign", "C1", "--rule", "clicked_link");
        assertThat(noLink.exitCode()).isEqualTo(2);
        assertThat(noLink.err()).contains("link id must match");
        Cli.Result stray = Cli.run(env(), "segments", "save", "s1", "--campaign", "C1", "--rule", "ordered", "--link",
                "hero");
        assertThat(stray.exitCode()).isEqualTo(2);
        assertThat(stray.err()).contains("takes no link");
        Cli.Result rule = Cli.run(env(), "segments", "save", "s1", "--campaign", "C1", "--rule", "bought'; DROP TABLE x");
        assertThat(rule.exitCode()).isEqualTo(2);
        assertThat(rule.err()).contains("unknown segment rule").contains("clicked_link, clicked_any");
        Cli.Result campaign = Cli.run(env(), "segments", "save", "s1", "--campaign", "C9", "--rule", "ordered");
        assertThat(campaign.exitCode()).isEqualTo(2);
        assertThat(campaign.err()).contains("no campaign C9");
        assertThat(Cli.run(env(), "segments", "save", "bad name", "--campaign", "C1", "--rule", "ordered").exitCode())
                .isEqualTo(2);
        assertThat(Cli.run(env(), "segments", "show", "s1").exitCode()).isEqualTo(2);
        assertThat(ok("segments", "list").out()).isEmpty();
        // An unregistered link is allowed (links nobody clicked yet) but said.
        assertThat(ok("segments", "save", "s2", "--campaign", "C1", "--rule", "clicked_link", "--link", "footer2").out())
                .contains("link footer2 is not registered for campaign C1").contains("now 0 member(s)");
    }
}
