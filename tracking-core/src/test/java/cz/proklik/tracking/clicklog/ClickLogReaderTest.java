package cz.proklik.tracking.clicklog;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import cz.proklik.tracking.event.TrackingEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ClickLogReaderTest {

    private static String line(String[] values) throws Exception {
        StringWriter out = new StringWriter();
        try (ICSVWriter csv = new CSVWriter(out, ',', '"', '"', "\r\n")) {
            csv.writeNext(values, false);
        }
        return out.toString();
    }

    private static String header() throws Exception {
        return String.join(",", ClickLogFormat.HEADER) + "\r\n";
    }

    private static List<ClickLogReader.Entry> read(byte[] bytes) throws Exception {
        List<ClickLogReader.Entry> entries = new ArrayList<>();
        try (ClickLogReader reader = new ClickLogReader(new ByteArrayInputStream(bytes))) {
            for (ClickLogReader.Entry e = reader.next(); e != null; e = reader.next()) {
                entries.add(e);
            }
        }
        return entries;
    }

    @Test
    void everyKindOfBadLineIsReportedAndItsNeighboursStillRead() throws Exception {
        TrackingEvent good1 = TestEvents.click("R1");
        TrackingEvent good2 = TestEvents.click("R2");
        TrackingEvent good3 = TestEvents.click("R3");
        String[] tampered = ClickLogFormat.toValues(3, TestEvents.click("R9"));
        tampered[6] = "R10";
        String[] badTime = ClickLogFormat.toValues(5, TestEvents.click("R9"));
        badTime[2] = "yesterday";
        badTime[16] = ClickLogFormat.crc(badTime);
        String[] forgedId = ClickLogFormat.toValues(6, TestEvents.click("R9"));
        forgedId[1] = "not-a-uuid";
        forgedId[16] = ClickLogFormat.crc(forgedId);
        byte[] garbage = new byte[300];
        new Random(7).nextBytes(garbage);
        garbage = new String(garbage, StandardCharsets.ISO_8859_1).replace("\n", "").getBytes(StandardCharsets.ISO_8859_1);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(header().getBytes(StandardCharsets.UTF_8));
        file.writeBytes(line(ClickLogFormat.toValues(1, good1)).getBytes(StandardCharsets.UTF_8)); // line 2
        file.writeBytes(("a,b,c\r\n").getBytes(StandardCharsets.UTF_8));                        // line 3
        file.writeBytes(line(tampered).getBytes(StandardCharsets.UTF_8));                        // line 4
        file.writeBytes(line(ClickLogFormat.toValues(4, good2)).getBytes(StandardCharsets.UTF_8)); // line 5
        file.writeBytes(line(badTime).getBytes(StandardCharsets.UTF_8));                         // line 6
        file.writeBytes(line(forgedId).getBytes(StandardCharsets.UTF_8));                        // line 7
        file.writeBytes("x".repeat(1_000_000).getBytes(StandardCharsets.UTF_8));                 // line 8
        file.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes(garbage);                                                                 // line 9
        file.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes("\"unterminated,quote\r\n".getBytes(StandardCharsets.UTF_8));            // line 10
        file.writeBytes(line(ClickLogFormat.toValues(9, good3)).getBytes(StandardCharsets.UTF_8)); // line 11
        String torn = line(ClickLogFormat.toValues(10, TestEvents.click("R4")));
        file.writeBytes(torn.substring(0, torn.length() / 2).getBytes(StandardCharsets.UTF_8));  // line 12

        List<ClickLogReader.Entry> entries = read(file.toByteArray());

        assertThat(entries).extracting(ClickLogReader.Entry::lineNumber)
                .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(entries).filteredOn(e -> e instanceof ClickLogReader.Entry.Event)
                .extracting(e -> ((ClickLogReader.Entry.Event) e).event())
                .containsExactly(good1, good2, good3);
        assertThat(entries).filteredOn(e -> e instanceof ClickLogReader.Entry.BadLine)
                .extracting(e -> ((ClickLogReader.Entry.BadLine) e).reason())
                .containsExactly(BadLineReason.FIELD_COUNT, BadLineReason.CHECKSUM, BadLineReason.INVALID_VALUE,
                        BadLineReason.INVALID_VALUE, BadLineReason.TOO_LONG, BadLineReason.NOT_UTF8,
                        BadLineReason.NOT_CSV, BadLineReason.TORN);
        ClickLogReader.Entry.BadLine tooLong = (ClickLogReader.Entry.BadLine) entries.get(6);
        assertThat(tooLong.rawText()).hasSize(ClickLogReader.MAX_RAW_CHARS);
        ClickLogReader.Entry.BadLine badTimeLine = (ClickLogReader.Entry.BadLine) entries.get(4);
        assertThat(badTimeLine.detail()).contains("invalid time").contains("yesterday");
        assertThat(badTimeLine.rawText()).contains("yesterday");
    }

    @Test
    void aFileWithAnotherHeaderIsRefusedWhole() throws Exception {
        String[] otherVersion = ClickLogFormat.HEADER.clone();
        otherVersion[0] = "proklik-clicklog-v3";
        byte[] file = (String.join(",", otherVersion) + "\r\n"
                + line(ClickLogFormat.toValues(1, TestEvents.click("R1")))).getBytes(StandardCharsets.UTF_8);

        List<ClickLogReader.Entry> entries = read(file);

        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).isInstanceOfSatisfying(ClickLogReader.Entry.BadLine.class, bad -> {
            assertThat(bad.reason()).isEqualTo(BadLineReason.BAD_HEADER);
            assertThat(bad.lineNumber()).isEqualTo(1);
        });
    }

    @Test
    void aVersionOneFileIsStillReadAndALongAgentNeedsVersionTwo() throws Exception {
        TrackingEvent v1Event = TestEvents.click("R1");
        byte[] v1 = (String.join(",", ClickLogFormat.HEADER_V1) + "\r\n"
                + line(ClickLogFormat.toValues(1, v1Event))).getBytes(StandardCharsets.UTF_8);
        assertThat(read(v1)).singleElement().isInstanceOfSatisfying(ClickLogReader.Entry.Event.class,
                ev -> assertThat(ev.event()).isEqualTo(v1Event));

        String agent = "Mozilla/5.0 (X11)  Žluťoučký   kůň 🐎 " + "é".repeat(2000);
        TrackingEvent whole = new TrackingEvent(v1Event.id(), v1Event.time(), v1Event.type(), "GET",
                v1Event.campaign(), "R2", v1Event.link(), "", v1Event.target(), v1Event.keyId(), "", "203.0.113.7",
                agent, "n1", "");
        assertThat(whole.userAgent().getBytes(StandardCharsets.UTF_8).length).as("cut to whole characters")
                .isBetween(2047, 2048);
        assertThat(agent).startsWith(whole.userAgent());
        byte[] v2 = (header() + line(ClickLogFormat.toValues(1, whole))).getBytes(StandardCharsets.UTF_8);
        assertThat(read(v2)).singleElement().isInstanceOfSatisfying(ClickLogReader.Entry.Event.class,
                ev -> assertThat(ev.event().userAgent()).isEqualTo(whole.userAgent()));
    }

    @Test
    void emptyAndHeaderOnlyFilesHoldNoEvents() throws Exception {
        assertThat(read(new byte[0])).isEmpty();
        assertThat(read(header().getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void quotedValuesWithCommasAndQuotesSurvive() throws Exception {
        TrackingEvent e = TestEvents.click("R1");
        String text = header() + line(ClickLogFormat.toValues(1, e));
        assertThat(text).contains("\"https://shop.example.com/sale?a=1,2&q=%22x%22\"")
                .contains("Safari/537.36 \"\"quoted, comma\"\"\"");

        List<ClickLogReader.Entry> entries = read(text.getBytes(StandardCharsets.UTF_8));

        assertThat(entries).singleElement().isInstanceOfSatisfying(ClickLogReader.Entry.Event.class,
                ev -> assertThat(ev.event()).isEqualTo(e));
        assertThat(Arrays.asList(ClickLogFormat.HEADER)).hasSize(17);
    }
}
