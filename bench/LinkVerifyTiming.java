import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.TrackingLink;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What checking one click link costs the redirect page, against its floor: the HMAC-SHA256 alone over the same
 * bytes (the part no implementation can skip). 4000 links like bench/redirect.sh's, 12 rounds, the median of the
 * last 8 printed. Run: java -cp app/target/proklik.jar bench/LinkVerifyTiming.java
 */
public class LinkVerifyTiming {
    public static void main(String[] args) throws Exception {
        KeyRing ring = KeyRing.empty().withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
        LinkCodec codec = new LinkCodec(ring);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            tokens.add(codec.token(TrackingLink.click("C2026-11", "R" + (100000 + i), i % 3 == 0 ? "hero" : "btn_" + i % 7,
                    "A", "https://shop.example.com/autumn-sale?utm_source=proklik")));
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        double[] verify = new double[12];
        double[] hmac = new double[12];
        long sink = 0;
        for (int round = 0; round < 12; round++) {
            long t0 = System.nanoTime();
            for (int rep = 0; rep < 100; rep++) {
                for (String t : tokens) {
                    sink += codec.verify(LinkKind.CLICK, t).hashCode();
                }
            }
            long t1 = System.nanoTime();
            for (int rep = 0; rep < 100; rep++) {
                for (String t : tokens) {
                    mac.update(t.getBytes(StandardCharsets.US_ASCII));
                    sink += mac.doFinal()[0];
                }
            }
            long t2 = System.nanoTime();
            verify[round] = (t1 - t0) / 400_000.0;
            hmac[round] = (t2 - t1) / 400_000.0;
        }
        double v = median(Arrays.copyOfRange(verify, 4, 12));
        double h = median(Arrays.copyOfRange(hmac, 4, 12));
        System.out.printf("verify %.0f ns per link, HMAC-SHA256 alone %.0f ns, ratio %.2f  (%d)%n", v, h, v / h, sink & 1);
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        return (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
