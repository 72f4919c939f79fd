package cz.proklik.app.demo;

import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.Send;
import cz.proklik.erp.send.SendStatus;
import cz.proklik.erp.standin.StandinDataGenerator;
import cz.proklik.erp.standin.StandinOrder;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.TrackingLink;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The made-up audience of the demo: who was sent what, and how each recipient (or the machine in front of them)
 * reacts, played as real HTTP requests against the redirect server. The same seed gives the same audience.
 *
 * <p>Reactions normally spread over days; the demo cannot wait, so each reacting recipient's send is back-dated
 * by a delay drawn from a decaying curve (most reactions in the first hours), and all requests happen now. The
 * hourly timeline then looks like a real campaign's; the day and week views show one day.
 */
final class DemoTraffic {
    static final int HOURS_BACK = 48;

    record DemoLink(String id, String description, String target, int position, int weight) {
    }

    static final List<DemoLink> LINKS = List.of(
            new DemoLink("hero", "Hero image: autumn roast", target("hero"), 1, 45),
            new DemoLink("product-1", "Product: Ethiopia Yirgacheffe 250 g", target("product-1"), 2, 20),
            new DemoLink("product-2", "Product: Brazil Santos 1 kg", target("product-2"), 3, 15),
            new DemoLink("btn_secondary", "Button: all coffees", target("btn_secondary"), 4, 12),
            new DemoLink("footer", "Footer: store locator", target("footer"), 5, 8));

    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 "
            + "Firefox/133.0";
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15"
            + " (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1";
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    private static final String OUTLOOK = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17928; Pro)";
    private static final String THUNDERBIRD = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 "
            + "Thunderbird/128.5.0";
    private static final String APPLE_MPP = "Mozilla/5.0";
    private static final String GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 "
            + "(via ggpht.com GoogleImageProxy)";
    private static final String CURL = "curl/8.5.0";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final String[] BROWSERS = {CHROME, CHROME, FIREFOX, IPHONE, ANDROID};

    enum Kind { PERSON, APPLE_MAIL, GMAIL, SCANNER, BOT }

    /** One recipient's part in the demo. */
    private record Plan(String recipient, String variant, Kind kind, boolean reads, boolean clicks,
                        List<DemoLink> clicked, boolean unsubscribes, long delaySeconds, String ip, String browser,
                        String mailClient) {
    }

    private final String campaignId;
    private final Instant now;
    private final Random random;
    private final List<Plan> plans = new ArrayList<>();
    private final Map<String, Instant> firstPersonClick = new ConcurrentHashMap<>();
    private int sent;
    private int bounced;
    private int failed;

    DemoTraffic(String campaignId, Instant now, long seed) {
        this.campaignId = campaignId;
        this.now = now;
        this.random = new Random(seed);
    }

    private static String target(String link) {
        return "https://shop.example.com/" + link + "?utm_source=email&utm_medium=newsletter&utm_content=" + link;
    }

    /** The send rows: contacts G1..Gn of the stand-in ERP, alternately variant A and B, a few bounces and failures. */
    List<Send> sends(int recipients) {
        List<Send> sends = new ArrayList<>(recipients);
        for (int i = 1; i <= recipients; i++) {
            String id = "G" + i;
            String variant = i % 2 == 1 ? "A" : "B";
            String email = "g" + i + "@example.com";
            int roll = random.nextInt(1000);
            Plan plan = plan(id, variant);
            Instant sentAt = now.minusSeconds(plan.delaySeconds());
            if (roll < 12) {
                sends.add(new Send(campaignId, id, email, variant, sentAt, SendStatus.BOUNCED, "550 5.1.1 user unknown",
                        BounceKind.HARD, sentAt.plusSeconds(40)));
                bounced++;
            } else if (roll < 20) {
                sends.add(new Send(campaignId, id, email, variant, sentAt, SendStatus.BOUNCED, "452 4.2.2 mailbox full",
                        BounceKind.SOFT, sentAt.plusSeconds(300)));
                bounced++;
            } else if (roll < 25) {
                sends.add(new Send(campaignId, id, email, variant, null, SendStatus.FAILED,
                        "SMTP 421 connection timed out", null, null));
                failed++;
            } else {
                sends.add(Send.sent(campaignId, id, email, variant, sentAt));
                plans.add(plan);
            }
            sent++;
        }
        return sends;
    }

    String sendSummary() {
        return String.format("%,d recipients: %,d bounced, %,d failed", sent, bounced, failed);
    }

    private Plan plan(String recipient, String variant) {
        boolean b = variant.equals("B");
        int roll = random.nextInt(1000);
        Kind kind = roll < 10 ? Kind.SCANNER : roll < 16 ? Kind.BOT : roll < 220 ? Kind.APPLE_MAIL
                : roll < 450 ? Kind.GMAIL : Kind.PERSON;
        // Variant B's subject line does a little better: the A/B table should show a difference.
        boolean reads = kind != Kind.SCANNER && kind != Kind.BOT && random.nextDouble() < (b ? 0.36 : 0.30);
        boolean clicks = reads && random.nextDouble() < (b ? 0.33 : 0.25);
        List<DemoLink> clicked = new ArrayList<>();
        if (clicks || kind == Kind.BOT) {
            clicked.add(pickLink());
            if (kind != Kind.BOT && random.nextDouble() < 0.3) {
                DemoLink second = pickLink();
                if (!clicked.contains(second)) {
                    clicked.add(second);
                }
            }
        }
        boolean unsubscribes = kind != Kind.SCANNER && kind != Kind.BOT && random.nextDouble() < 0.008;
        long delay;
        if (!reads && !unsubscribes && kind != Kind.SCANNER && kind != Kind.BOT) {
            delay = 60L + random.nextInt(HOURS_BACK * 3600 - 60);
        } else if (kind == Kind.SCANNER) {
            delay = 30 + random.nextInt(60);
        } else {
            long hour = Math.min(HOURS_BACK - 1, (long) (-Math.log(1 - random.nextDouble()) * 5));
            delay = hour * 3600 + 300 + random.nextInt(3300);
        }
        String ip = switch (kind) {
            case APPLE_MAIL -> "17.58." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            case SCANNER -> "40.94." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            case BOT -> random.nextBoolean() ? "66.249.66." + (1 + random.nextInt(254)) : "192.0.2." + (1 + random.nextInt(254));
            default -> (random.nextBoolean() ? "203.0.113." : "198.51.100.") + (1 + random.nextInt(254));
        };
        String browser = kind == Kind.APPLE_MAIL ? IPHONE : BROWSERS[random.nextInt(BROWSERS.length)];
        String mailClient = switch (kind) {
            case APPLE_MAIL -> APPLE_MPP;
            case GMAIL -> GMAIL_PROXY;
            case BOT -> ip.startsWith("66.") ? GOOGLEBOT : CURL;
            default -> random.nextInt(10) < 6 ? OUTLOOK : THUNDERBIRD;
        };
        return new Plan(recipient, variant, kind, reads, clicks, clicked, unsubscribes, delay, ip, browser,
                mailClient);
    }

    private DemoLink pickLink() {
        int r = random.nextInt(100);
        for (DemoLink l : LINKS) {
            r -= l.weight();
            if (r < 0) {
                return l;
            }
        }
        return LINKS.get(0);
    }

    /** What the traffic did, for the demo's output. */
    record Result(int requests, int opens, int clicks, int scannerRequests, int botClicks, int unsubscribes,
                  int unexpectedAnswers, double seconds) {
        @Override
        public String toString() {
            return String.format("%,d requests in %.1f s: %,d opens, %,d clicks by people, %,d scanner requests, "
                    + "%,d bot clicks, %,d unsubscribes%s", requests, seconds, opens, clicks, scannerRequests,
                    botClicks, unsubscribes, unexpectedAnswers == 0 ? "" : ", " + unexpectedAnswers
                    + " UNEXPECTED ANSWERS");
        }
    }

    /** Plays every recipient's reactions against the server at {@code base}; recipients run 16 at a time. */
    Result drive(String base, LinkCodec codec) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger opens = new AtomicInteger();
        AtomicInteger clicks = new AtomicInteger();
        AtomicInteger scanner = new AtomicInteger();
        AtomicInteger bots = new AtomicInteger();
        AtomicInteger unsubscribes = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        List<Plan> order = new ArrayList<>(plans);
        Collections.shuffle(order, random);
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Plan p : order) {
                done.add(pool.submit(() -> {
                    Client c = new Client(http, base, codec, p, requests, unexpected);
                    c.play(opens, clicks, scanner, bots, unsubscribes);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("demo traffic failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(requests.get(), opens.get(), clicks.get(), scanner.get(), bots.get(), unsubscribes.get(),
                unexpected.get(), (System.nanoTime() - start) / 1e9);
    }

    /** One recipient's requests, in the order a mail client, a person or a machine would make them. */
    private final class Client {
        private final HttpClient http;
        private final String base;
        private final LinkCodec codec;
        private final Plan p;
        private final AtomicInteger requests;
        private final AtomicInteger unexpected;

        Client(HttpClient http, String base, LinkCodec codec, Plan p, AtomicInteger requests,
               AtomicInteger unexpected) {
            this.http = http;
            this.base = base;
            this.codec = codec;
            this.p = p;
            this.requests = requests;
            this.unexpected = unexpected;
        }

        void play(AtomicInteger opens, AtomicInteger clicks, AtomicInteger scanner, AtomicInteger bots,
                  AtomicInteger unsubscribes) throws IOException, InterruptedException {
            String open = codec.url(base, TrackingLink.open(campaignId, p.recipient(), p.variant()));
            switch (p.kind()) {
                case SCANNER -> {
                    // A mail gateway probes every link of the message with HEAD and GET before delivering it.
                    for (DemoLink l : LINKS) {
                        String url = click(l);
                        request(url, "HEAD", CHROME, 302);
                        request(url, "GET", CHROME, 302);
                        scanner.addAndGet(2);
                    }
                    return;
                }
                case BOT -> {
                    for (DemoLink l : p.clicked()) {
                        request(click(l), "GET", p.mailClient(), 302);
                        bots.incrementAndGet();
                    }
                    return;
                }
                case APPLE_MAIL -> {
                    // Apple's proxy fetches the pixel whether or not the person ever reads the e-mail.
                    request(open, "GET", APPLE_MPP, 200);
                    opens.incrementAndGet();
                }
                default -> {
                    // One in ten readers has images blocked: a click without an open.
                    if (p.reads() && random(p.recipient()) % 10 != 0) {
                        request(open, "GET", p.mailClient(), 200);
                        opens.incrementAndGet();
                        if (random(p.recipient()) % 4 == 0) {
                            request(open, "GET", p.mailClient(), 200);
                            opens.incrementAndGet();
                        }
                    }
                }
            }
            boolean first = true;
            for (DemoLink l : p.clicked()) {
                request(click(l), "GET", p.browser(), 302);
                if (first) {
                    firstPersonClick.putIfAbsent(p.recipient(), Instant.now());
                    first = false;
                }
                clicks.incrementAndGet();
                if (random(p.recipient() + l.id()) % 8 == 0) {
                    request(click(l), "GET", p.browser(), 302);
                    clicks.incrementAndGet();
                }
            }
            if (p.unsubscribes()) {
                HttpRequest post = HttpRequest.newBuilder(URI.create(codec.url(base,
                                TrackingLink.unsubscribe(campaignId, p.recipient(), p.variant()))))
                        .header("User-Agent", p.browser()).header("X-Forwarded-For", p.ip())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build();
                check(http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode(), 200);
                unsubscribes.incrementAndGet();
            }
        }

        private String click(DemoLink l) {
            return codec.url(base, TrackingLink.click(campaignId, p.recipient(), l.id(), p.variant(), l.target()));
        }

        private void request(String url, String method, String userAgent, int expected)
                throws IOException, InterruptedException {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", userAgent)
                    .header("X-Forwarded-For", p.ip()).method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10)).build();
            check(http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode(), expected);
        }

        private void check(int status, int expected) {
            requests.incrementAndGet();
            if (status != expected) {
                unexpected.incrementAndGet();
            }
        }
    }

    /** Deterministic per-recipient dice; the shared Random is not used from the traffic threads. */
    private static int random(String key) {
        return Math.floorMod(key.hashCode() * 0x9E3779B1, 1_000_003);
    }

    /**
     * Stand-in orders by some people who clicked, inside the attribution window: a third the same day, the rest
     * one to four days later, every fourth with a 10 % discount, and one partly returned.
     *
     * @return the number of orders (the return not counted)
     */
    int writeOrders(StandinDataGenerator erp) {
        List<String> buyers = firstPersonClick.keySet().stream().sorted().toList();
        Random dice = new Random(random.nextLong());
        List<StandinOrder> orders = new ArrayList<>();
        String prefix = campaignId + "-O";
        int n = 0;
        for (String contact : buyers) {
            if (dice.nextInt(100) >= 15) {
                continue;
            }
            n++;
            Instant clicked = firstPersonClick.get(contact);
            Instant at = n % 3 == 0 ? clicked.plus(20 + dice.nextInt(60), ChronoUnit.MINUTES)
                    : clicked.plus(1 + dice.nextInt(4), ChronoUnit.DAYS).minus(dice.nextInt(600), ChronoUnit.MINUTES);
            BigDecimal gross = BigDecimal.valueOf(290 + dice.nextInt(4700)).setScale(4, RoundingMode.UNNECESSARY);
            BigDecimal discount = n % 4 == 0 ? gross.multiply(new BigDecimal("0.1")).setScale(4, RoundingMode.HALF_UP)
                    : BigDecimal.ZERO.setScale(4, RoundingMode.UNNECESSARY);
            String orderId = prefix + n;
            String product = "G-P" + (1 + dice.nextInt(50));
            orders.add(new StandinOrder(orderId, contact, at, "CZK", gross, discount, gross.subtract(discount), false,
                    null, product, BigDecimal.ONE));
            if (n == 1) {
                BigDecimal back = gross.subtract(discount).divide(BigDecimal.valueOf(2), 4, RoundingMode.HALF_UP)
                        .negate();
                orders.add(new StandinOrder(prefix + "R1", contact, at.plus(2, ChronoUnit.DAYS), "CZK", back,
                        BigDecimal.ZERO, back, true, orderId, product, BigDecimal.ONE.negate()));
            }
        }
        erp.addOrders(orders);
        return n;
    }
}
