import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bench helper: prints N signed click-link paths (/c/TOKEN), one per line, each for a different recipient, signed
 * with the key ring file given (the same ring `proklik serve` uses). Uses the project's own LinkCodec, so the links
 * are exactly what `proklik link` prints, without one JVM start per link.
 *
 * Run: java -cp app/target/proklik.jar bench/MintLinks.java KEYFILE COUNT TARGET OUT
 */
public class MintLinks {
    public static void main(String[] args) throws Exception {
        KeyRing ring = KeyRing.load(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        String target = args[2];
        LinkCodec codec = new LinkCodec(ring);
        String[] links = {"hero", "btn_primary", "img-3", "footer"};
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[3])))) {
            for (int i = 0; i < count; i++) {
                TrackingLink link = TrackingLink.click("C2026-11", "R" + (100000 + i), links[i % links.length],
                        i % 2 == 0 ? "A" : "B", target);
                out.println("/c/" + codec.token(link));
            }
        }
    }
}
