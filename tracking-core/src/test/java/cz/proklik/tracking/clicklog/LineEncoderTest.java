package cz.proklik.tracking.clicklog;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written encoder must write exactly the bytes the writer wrote through opencsv before. */
class LineEncoderTest {
    private static final String[] PIECES = {"a", "Z", "0", " ", ",", "\"", "\"\"", "'", ";", "\\", "\t", "\r", "\n",
            "\u0000", "\u007f", "é", "Ž", "€", "\uD83D\uDE00", "\uD800", "\uDC00", "%22", "?", "=", "&", "/", "ř"};

    private static String randomText(Random random, int maxPieces) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            text.append(random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)]
                    : Character.toString('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static TrackingEvent randomEvent(Random random) {
        return new TrackingEvent(EventIds.next(), Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L),
                EventType.values()[random.nextInt(EventType.values().length)], randomText(random, 3),
                randomText(random, 8), randomText(random, 8), randomText(random, 8), randomText(random, 3),
                randomText(random, 40), randomText(random, 4), randomText(random, 4), randomText(random, 6),
                randomText(random, 80), randomText(random, 6), randomText(random, 30));
    }

    /** What ClickLogWriter wrote up to commit 758d888: opencsv into a StringWriter, then UTF-8. */
    private static byte[] throughOpencsv(List<TrackingEvent> events, long firstSeq) throws Exception {
        StringWriter text = new StringWriter();
        try (ICSVWriter csv = new CSVWriter(text, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                ICSVWriter.DEFAULT_ESCAPE_CHARACTER, ClickLogFormat.LINE_END)) {
            long seq = firstSeq;
            for (TrackingEvent event : events) {
                csv.writeNext(ClickLogFormat.toValues(seq++, event), false);
            }
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @Test
    void writesTheSameBytesAsOpencsvForAnyValues() throws Exception {
        Random random = new Random(20261125);
        LineEncoder encoder = new LineEncoder();
        for (int round = 0; round < 2000; round++) {
            List<TrackingEvent> events = new ArrayList<>();
            int n = 1 + random.nextInt(round % 100 == 0 ? 300 : 5); // now and then a batch that outgrows the buffer
            for (int i = 0; i < n; i++) {
                events.add(randomEvent(random));
            }
            long firstSeq = 1 + random.nextInt(1_000_000);
            assertThat(bytes(encoder.encode(events, firstSeq))).as("round %d", round)
                    .isEqualTo(throughOpencsv(events, firstSeq));
        }
    }

    @Test
    void writesTheSameBytesAsOpencsvForRealisticEvents() throws Exception {
        List<TrackingEvent> events = List.of(TestEvents.click("R1"), TestEvents.rejected(), TestEvents.click("R2"));
        assertThat(bytes(new LineEncoder().encode(events, 7))).isEqualTo(throughOpencsv(events, 7));
    }
}
