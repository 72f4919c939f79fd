import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import cz.proklik.tracking.clicklog.ClickLogFormat;
import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.link.TrackingLink;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The redirect page's two pieces of per-click Java work, each against a baseline measured in the same run:
 * <ul>
 *   <li>checking a click link (LinkCodec.verify) against its floor, the HMAC-SHA256 alone over the same bytes;</li>
 *   <li>writing a click-log line (the click log's LineEncoder) against the general way it replaced, opencsv into a
 *       StringWriter then UTF-8 — the same bytes either way (LineEncoderTest). LineEncoder is package-private, so
 *       it is reached by reflection.</li>
 * </ul>
 * Links and events like bench/redirect.sh's (a browser user agent with commas; batches of 47, the group-commit size
 * under that load). Each measurement: 12 rounds, the median of the last 8.
 * Run: java -cp app/target/proklik.jar bench/HotPathTiming.java
 */
public class HotPathTiming {
    private static final String TARGET = "https://shop.example.com/autumn-sale?utm_source=proklik";
    private static final String UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static long sink;

    public static void main(String[] args) throws Exception {
        linkCheck();
        lineEncoding();
        System.out.println(sink == 42 ? "" : "(done)");
    }

    private static void linkCheck() throws Exception {
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        LinkCodec codec = new LinkCodec(ring);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            tokens.add(codec.token(TrackingLink.click("C2026-11", "R" + (100000 + i), i % 3 == 0 ? "hero" : "btn_" + i % 7,
                    "A", TARGET)));
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        double verify = nanosEach(tokens.size() * 100, () -> {
            long s = 0;
            for (int rep = 0; rep < 100; rep++) {
                for (String t : tokens) {
                    s += codec.verify(LinkKind.CLICK, t).hashCode();
                }
            }
            return s;
        });
        double hmac = nanosEach(tokens.size() * 100, () -> {
            long s = 0;
            for (int rep = 0; rep < 100; rep++) {
                for (String t : tokens) {
                    mac.update(t.getBytes(StandardCharsets.US_ASCII));
                    s += mac.doFinal()[0];
                }
            }
            return s;
        });
        System.out.printf("link check: verify %.0f ns per link, HMAC-SHA256 alone %.0f ns, ratio %.2f%n",
                verify, hmac, verify / hmac);
    }

    private static void lineEncoding() throws Exception {
        List<TrackingEvent> batch = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            TrackingLink link = TrackingLink.click("C2026-11", "R" + (100000 + i), "hero", "A", TARGET);
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
        double ours = nanosEach(batches * batch.size(), () -> {
            long s = 0;
            for (int b = 0; b < batches; b++) {
                try {
                    s += ((ByteBuffer) encode.invoke(encoder, batch, 1L + b)).remaining();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return s;
        });
        double opencsv = nanosEach(batches * batch.size(), () -> {
            long s = 0;
            for (int b = 0; b < batches; b++) {
                StringWriter text = new StringWriter();
                try (ICSVWriter csv = new CSVWriter(text, ICSVWriter.DEFAULT_SEPARATOR, ICSVWriter.DEFAULT_QUOTE_CHARACTER,
                        ICSVWriter.DEFAULT_ESCAPE_CHARACTER, ClickLogFormat.LINE_END)) {
                    long seq = 1L + b;
                    for (TrackingEvent event : batch) {
                        csv.writeNext(ClickLogFormat.toValues(seq++, event), false);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                s += text.toString().getBytes(StandardCharsets.UTF_8).length;
            }
            return s;
        });
        System.out.printf("click-log line: LineEncoder %.0f ns per line, opencsv + UTF-8 %.0f ns, ratio %.2f%n",
                ours, opencsv, ours / opencsv);
    }

    /** Runs {@code work} (which does {@code operations} operations) 12 times; the median of the last 8, per operation. */
    private static double nanosEach(int operations, LongSupplier work) {
        double[] rounds = new double[12];
        for (int round = 0; round < rounds.length; round++) {
            long t0 = System.nanoTime();
            sink += work.getAsLong();
            rounds[round] = (System.nanoTime() - t0) / (double) operations;
        }
        double[] measured = Arrays.copyOfRange(rounds, 4, rounds.length);
        Arrays.sort(measured);
        return (measured[measured.length / 2 - 1] + measured[measured.length / 2]) / 2;
    }
}
