import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes realistic click-log files for the import benchmark, through the real ClickLogWriter (fsync off), so the
 * files are byte for byte what redirect nodes write. Deterministic for a given seed.
 *
 * Usage: java -cp app/target/proklik.jar bench/GenerateClickLog.java OUT_DIR EVENTS [RECIPIENTS] [NODES] [SEED]
 *
 * The mix: 20 campaigns sent over a month; each event falls after its campaign's send with an exponential delay
 * (most reactions in the first hours, a tail over a week) and arrives in bursts; opens 55 %, clicks 40 %,
 * unsubscribes 1 %, rejected 0.5 % (the rest HEAD scanner probes); real browser, mail-client and bot user agents;
 * a third of opens from Apple's privacy proxy.
 */
public class GenerateClickLog {
    static final String[] HUMAN_UAS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
            "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17029; Pro)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 OPR/115.0.0.0",
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
            "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    };
    static final String[] BOT_UAS = {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "curl/8.5.0",
            "python-requests/2.32.3",
            "Go-http-client/1.1",
            "Barracuda Sentinel (EE)",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36 Edg/100.0.1185.44 BingPreview/1.0b",
    };
    static final String[] LINKS = {"hero", "btn_primary", "btn_secondary", "product-1", "product-2", "footer"};
    static final String[] REASONS = {"BAD_SIGNATURE", "MALFORMED", "UNKNOWN_KEY"};

    /** Events per write, about what a busy redirect node's loop turn brings. */
    private static final int BATCH = 1000;

    private static void flush(ClickLogWriter writer, List<TrackingEvent> batch, AtomicLong done) {
        if (writer.writeNow(batch)) {
            done.addAndGet(batch.size());
        }
        batch.clear();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        long events = Long.parseLong(args[1]);
        int recipients = args.length > 2 ? Integer.parseInt(args[2]) : 500_000;
        int nodes = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        SplittableRandom random = new SplittableRandom(seed);
        Instant monthStart = Instant.parse("2026-10-01T08:00:00Z");
        int campaigns = 20;
        Instant[] sentAt = new Instant[campaigns];
        for (int c = 0; c < campaigns; c++) {
            sentAt[c] = monthStart.plus(Duration.ofHours(36L * c));
        }
        ClickLogWriter[] writers = new ClickLogWriter[nodes];
        for (int n = 0; n < nodes; n++) {
            writers[n] = ClickLogWriter.start(new ClickLogWriter.Settings(out, "bench-node-" + n, 64L << 20,
                    Duration.ofDays(365), false), Clock.systemUTC());
        }
        AtomicLong done = new AtomicLong();
        List<List<TrackingEvent>> batches = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            batches.add(new ArrayList<>(BATCH));
        }
        long burstEnd = 0;
        Instant burstTime = monthStart;
        int burstCampaign = 0;
        for (long i = 0; i < events; i++) {
            if (i >= burstEnd) {
                // A burst: a run of reactions to one campaign at about the same moment (a send wave, a newsletter hour).
                burstEnd = i + 1 + random.nextInt(200);
                burstCampaign = random.nextInt(campaigns);
                double hours = -Math.log(1 - random.nextDouble()) * 18; // exponential, mean 18 h
                burstTime = sentAt[burstCampaign].plusMillis((long) (Math.min(hours, 24 * 14) * 3_600_000));
            }
            Instant time = burstTime.plusMillis(random.nextInt(60_000));
            String campaign = String.format("C2026-%02d", burstCampaign + 1);
            String recipient = "R" + random.nextInt(recipients);
            String variant = random.nextBoolean() ? "A" : "B";
            String ip = random.nextInt(100) < 8
                    ? "17." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256)
                    : (random.nextInt(223) + 1) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            int roll = random.nextInt(1000);
            boolean bot = random.nextInt(100) < 6;
            String ua = bot ? BOT_UAS[random.nextInt(BOT_UAS.length)] : HUMAN_UAS[random.nextInt(HUMAN_UAS.length)];
            TrackingEvent event;
            UUID id = new UUID((time.toEpochMilli() << 16) | 0x7000L | random.nextInt(0x1000),
                    0x8000000000000000L | (random.nextLong() >>> 2));
            String node = "bench-node-" + (int) (i % nodes);
            if (roll < 550) {
                boolean mpp = random.nextInt(3) == 0;
                event = new TrackingEvent(id, time, EventType.OPEN, "GET", campaign, recipient, "", variant, "", "k1", "",
                        mpp ? "17.58." + random.nextInt(256) + "." + random.nextInt(256) : ip, mpp ? "Mozilla/5.0" : ua, node, "");
            } else if (roll < 950) {
                String link = LINKS[random.nextInt(LINKS.length)];
                event = new TrackingEvent(id, time, EventType.CLICK, "GET", campaign, recipient, link, variant,
                        "https://shop.example.com/" + link + "?utm_source=email&utm_campaign=" + campaign, "k1", "",
                        ip, ua, node, "");
            } else if (roll < 960) {
                event = new TrackingEvent(id, time, EventType.UNSUBSCRIBE, "POST", campaign, recipient, "", variant, "",
                        "k1", "", ip, ua, node, "");
            } else if (roll < 965) {
                event = new TrackingEvent(id, time, EventType.REJECTED, "GET", "", "", "", "", "", "k1",
                        REASONS[random.nextInt(REASONS.length)], ip, ua, node, "/c/1.k1.Zm9yZ2Vk.AAAAAAAAAAAAAAAAAAAAAA");
            } else {
                String link = LINKS[random.nextInt(LINKS.length)];
                event = new TrackingEvent(id, time, EventType.CLICK, "HEAD", campaign, recipient, link, variant,
                        "https://shop.example.com/" + link, "k1", "", ip, BOT_UAS[random.nextInt(BOT_UAS.length)], node, "");
            }
            List<TrackingEvent> batch = batches.get((int) (i % nodes));
            batch.add(event);
            if (batch.size() == BATCH) {
                flush(writers[(int) (i % nodes)], batch, done);
            }
        }
        for (int n = 0; n < nodes; n++) {
            flush(writers[n], batches.get(n), done);
            writers[n].close();
        }
        System.out.println("generated " + done.get() + " events into " + out);
    }
}
