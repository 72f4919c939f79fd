package cz.proklik.bounces.analyze;

import cz.proklik.bounces.BounceFixture;
import cz.proklik.bounces.parse.BounceParser;
import cz.proklik.bounces.parse.ParsedMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message of the corpus (src/test/resources/bounce-corpus, README there), recipient by recipient: what the
 * message is, the MTA format, the address, status code, kind, reason and the send it was matched to, against
 * expected.tsv written by hand from each format's rules.
 */
class BounceCorpusTest {
    @TempDir
    static Path dir;
    static BounceFixture world;

    record Row(String file, String message, String format, String address, String status, String kind, String reason,
               String matched) {
    }

    @BeforeAll
    static void open() {
        world = new BounceFixture(dir);
    }

    @AfterAll
    static void close() {
        world.close();
    }

    static Map<String, List<Row>> expected() throws Exception {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                BounceCorpusTest.class.getResourceAsStream("/bounce-corpus/expected.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                out.computeIfAbsent(f[0], k -> new ArrayList<>())
                        .add(new Row(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
            }
        }
        return out;
    }

    static String kindOf(ParsedMessage m) {
        if (m instanceof ParsedMessage.Bounce) {
            return "bounce";
        } else if (m instanceof ParsedMessage.Complaint) {
            return "complaint";
        } else if (m instanceof ParsedMessage.AutoReply) {
            return "auto_reply";
        } else if (m instanceof ParsedMessage.Notice) {
            return "notice";
        }
        return "not_bounce";
    }

    static String formatOf(ParsedMessage m) {
        if (m instanceof ParsedMessage.Bounce b) {
            return b.format();
        } else if (m instanceof ParsedMessage.Notice n) {
            return n.format();
        }
        return "-";
    }

    @TestFactory
    List<DynamicTest> everyCorpusMessageRecipientByRecipient() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        BounceParser parser = new BounceParser(Set.of("news@proklik.example"));
        for (Map.Entry<String, List<Row>> e : expected().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                ParsedMessage parsed = parser.parse(world.corpusFile(e.getKey()));
                Row first = e.getValue().get(0);
                assertThat(kindOf(parsed)).as("what %s is", e.getKey()).isEqualTo(first.message());
                assertThat(formatOf(parsed)).as("format of %s", e.getKey()).isEqualTo(first.format());
                Instant at = parsed.info().date() == null ? Instant.now() : parsed.info().date();
                List<String> actual = new ArrayList<>();
                for (RecipientOutcome o : world.analyzer().outcomes(parsed, at)) {
                    actual.add(String.join(" ", o.address(), o.status() == null ? "-" : o.status(), o.kind().code(),
                            o.reason().code(), o.match().map(m -> m.send().campaignId() + "/"
                                    + m.send().recipientId() + ":" + m.by().code()).orElse("-")));
                }
                List<String> wanted = new ArrayList<>();
                for (Row r : e.getValue()) {
                    if (!r.address().equals("-")) {
                        wanted.add(String.join(" ", r.address(), r.status(), r.kind(), r.reason(),
                                r.matched().equals("-") ? "-" : BounceFixture.CAMPAIGN + "/" + r.matched()));
                    }
                }
                assertThat(actual).as("recipients of %s", e.getKey()).containsExactlyElementsOf(wanted);
            }));
        }
        return tests;
    }

    @Test
    void theCorpusCoversAtLeastFifteenFormatsPlusComplaintsAutoRepliesAndNonBounces() throws Exception {
        Set<String> formats = new TreeSet<>();
        Set<String> messages = new TreeSet<>();
        for (List<Row> rows : expected().values()) {
            messages.add(rows.get(0).message());
            if (rows.get(0).message().equals("bounce") && !rows.get(0).format().equals("rfc3464")) {
                formats.add(rows.get(0).format());
            }
        }
        assertThat(formats).hasSizeGreaterThanOrEqualTo(15);
        assertThat(messages).contains("bounce", "complaint", "auto_reply", "notice", "not_bounce");
    }
}
