package cz.proklik.app.demo;

import cz.proklik.app.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code proklik demo} on a fresh home, as a first-time user runs it: real server, real import, the report. */
class DemoCommandTest {
    @TempDir
    Path home;

    @Test
    void theDemoRunsThePipelineAndPrintsTheReportOfItsCampaign() throws Exception {
        Cli.Result r = Cli.run(Map.of("PROKLIK_HOME", home.toString()), "demo", "--recipients", "5");

        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher id = Pattern.compile("Campaign report: (DEMO-\\d{14}) ").matcher(r.out());
        assertThat(id.find()).as(r.out()).isTrue();
        assertThat(r.out()).doesNotContain("UNEXPECTED ANSWERS").contains("quarantined 0");
        Matcher clicks = Pattern.compile("(?m)^unique clicks\\s+([\\d,]+)\\s+([\\d,]+)$").matcher(r.out());
        assertThat(clicks.find()).isTrue();
        assertThat(Integer.parseInt(clicks.group(2).replace(",", ""))).as("clean unique clicks").isPositive();
        assertThat(Integer.parseInt(clicks.group(1).replace(",", "")))
                .as("raw counts the scanner and the bots too").isGreaterThan(Integer.parseInt(clicks.group(2).replace(",", "")));
        assertThat(r.out()).containsPattern("(?m)^orders\\s+[1-9]");
        Path html = home.resolve("reports").resolve(id.group(1) + ".html");
        assertThat(html).exists();
        assertThat(Files.readString(html)).contains("<svg id=\"chart-funnel\"").contains(id.group(1));
        assertThat(r.out()).contains("HTML report: " + html.toAbsolutePath().normalize());
        // Every section of the report, in its order (how long the demo takes is a figure for bench/, not a test).
        assertThat(r.out()).containsSubsequence("\nCampaign\n", "\nDelivery\n", "\nOpens and clicks: raw",
                "\nRevenue (post-click", "\nAttributed orders, largest first\n",
                "\nLinks: which part of the e-mail was clicked\n", "\nLinks by region\n", "\nLinks by language\n",
                "\nLinks by organisation category\n", "\nA/B variants side by side\n",
                "\nTimeline: hours since the send", "\nTimeline: per day (UTC)\n", "\nTimeline: per week",
                "\nReacting recipients (the proof");

        Cli.Result again = Cli.run(Map.of("PROKLIK_HOME", home.toString()), "report", "campaigns");
        assertThat(again.out()).contains(id.group(1));
    }
}
