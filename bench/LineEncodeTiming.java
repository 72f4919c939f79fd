import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import cz.proklik.tracking.clicklog.ClickLogFormat;
import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.link.TrackingLink;

import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What writing one click-log line costs the redirect page: the click log's LineEncoder against the general way it
 * replaced (opencsv into a StringWriter, then UTF-8), on batches of 47 realistic clicks (a browser user agent with
 * commas, as bench/redirect.sh sends) — the same bytes either way (LineEncoderTest). 12 rounds, median of the last 8.
 * LineEncoder is package-private, so it is reached by reflection. Run: java -cp app/target/proklik.jar
 * bench/LineEncodeTiming.java
 */
public class LineEncodeTiming {
    private static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    public static void main(String[] args) throws Exception {
        List<TrackingEvent> batch = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            TrackingLink link = TrackingLink.click("C2026-11", "R" + (100000 + i), "hero", "A",
                    "https://shop.example.com/autumn-sale?utm_source=proklik");
            batch.add(TrackingEvent.accepted(EventIds.next(), Instant.now(), "GET",
                    new LinkVerification.Valid(link, "k20261125174211"), "127.0.0.1", UA, "bench"));
        }
        Class<?> type = Class.forName("cz.proklik.tracking.clicklog.LineEncoder");
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object encoder = constructor.newInstance();
        Method encode = type.getDeclaredMethod("encode", List.class, long.class);
        encode.setAccessible(true);

        int batches = 10_000;
        double[] ours = new double[12];
        double[] opencsv = new double[12];
        long sink = 0;
        for (int round = 0; round < 12; round++) {
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                sink += ((ByteBuffer) encode.invoke(encoder, batch, 1L + b)).remaining();
            }
            long t1 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                StringWriter text = new StringWriter();
                try (ICSVWriter csv = new CSVWriter(text, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                        ICSVWriter.DEFAULT_ESCAPE_CHARACTER, ClickLogFormat.LINE_END)) {
                    long seq = 1L + b;
                    for (TrackingEvent event : batch) {
                        csv.writeNext(ClickLogFormat.toValues(seq++, event), false);
                    }
                }
                sink += text.toString().getBytes(StandardCharsets.UTF_8).length;
            }
            long t2 = System.nanoTime();
            ours[round] = (t1 - t0) / (double) (batches * batch.size());
            opencsv[round] = (t2 - t1) / (double) (batches * batch.size());
        }
        double o = median(Arrays.copyOfRange(ours, 4, 12));
        double c = median(Arrays.copyOfRange(opencsv, 4, 12));
        System.out.printf("LineEncoder %.0f ns per line, opencsv + UTF-8 %.0f ns, ratio %.2f  (%d)%n", o, c, o / c, sink & 1);
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        return (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
