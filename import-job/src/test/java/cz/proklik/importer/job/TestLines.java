package cz.proklik.importer.job;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import cz.proklik.tracking.clicklog.ClickLogFormat;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.event.TrackingEventBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.CRC32C;

/** Hand-made click-log lines, good and broken, for quarantine tests. */
final class TestLines {
    private TestLines() {
    }

    static TrackingEvent event(String recipient) {
        return TrackingEventBuilder.click().time(Instant.parse("2026-11-25T09:00:00.000Z")).recipient(recipient)
                .variant("").target("https://shop.example.com/").node("node-a").build();
    }

    static byte[] line(long seq, TrackingEvent event) {
        return csv(ClickLogFormat.toValues(seq, event));
    }

    /** A line whose checksum is right but whose column {@code index} holds {@code value}. */
    static byte[] withValue(long seq, TrackingEvent event, int index, String value) {
        String[] values = ClickLogFormat.toValues(seq, event);
        values[index] = value;
        values[16] = crc(values);
        return csv(values);
    }

    private static String crc(String[] values) {
        CRC32C crc = new CRC32C();
        for (int i = 0; i < 16; i++) {
            crc.update(values[i].getBytes(StandardCharsets.UTF_8));
            crc.update(0);
        }
        return String.format("%08x", crc.getValue());
    }

    private static byte[] csv(String[] values) {
        StringWriter out = new StringWriter();
        try (ICSVWriter w = new CSVWriter(out, ',', '"', '"', "\r\n")) {
            w.writeNext(values, false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
