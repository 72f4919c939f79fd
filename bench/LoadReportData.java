import cz.proklik.app.ProklikCli;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.db.Database;
import cz.proklik.importer.enrich.Classification;
import cz.proklik.importer.enrich.EventClassifier;
import cz.proklik.importer.enrich.UserAgentClassifier;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Fills a fresh PROKLIK_HOME (embedded H2) with one realistic campaign for the report benchmark, set-based inside H2
 * (INSERT ... SELECT FROM SYSTEM_RANGE in slices, a commit per slice), then runs the product's own
 * `proklik aggregates rebuild` (not with LOAD_ONLY=1) and prints how long the load and the rebuild took.
 *
 * Usage: java -Xmx4g -cp app/target/proklik.jar bench/LoadReportData.java HOME CAMPAIGN RECIPIENTS EVENTS SEED
 *
 * The schema is the product's: `proklik db migrate` and `proklik campaigns add` run in-process (ProklikCli), links
 * and A/B variants go through CampaignDao. Everything else is generated in SQL from SEED (ORA_HASH of the row number
 * with per-purpose seeds), so the same arguments always give the same rows.
 *
 * What is made (N = RECIPIENTS, E = EVENTS):
 * - N stand-in contacts B1..BN (= recipient ids) plus N/100 contacts who were not mailed; N/20 organisations in five
 *   categories; regions and languages of CZ/SK/PL/AT/DE; 40 products;
 * - one pkl_send per recipient, sent between 07:00 and 08:00 UTC in id order: 97 % sent, 1.5 % hard and 1 % soft
 *   bounces, 0.5 % failed; variants A/B by id;
 * - E raw events: recipients fall into tiers by a hidden position (10 % heavy get half the events, 20 % medium 35 %,
 *   30 % light 15 %, 40 % never react, bounced and failed among them); half of the heavy, a quarter of the medium
 *   and a sixth of the light tier ever click (15 % of all recipients). 65 % opens, 34 % clicks over 8 links (skewed
 *   toward the hero), 1 % rejected (no campaign), plus one unsubscribe for 0.3 % of the active recipients. Times
 *   from 20 s to 3 weeks after each recipient's send, 3/4 in the first 48 h (a quarter in the first hour), growing
 *   with the row number as the import would append them. 40 % of recipients read with Apple Mail (90 % of their
 *   opens are MPP pre-fetches), 15 % sit behind a link-scanning gateway (35 % of their clicks are the scanner's
 *   burst at delivery); the rest: Gmail's image proxy, bots, HEAD pre-fetch, too-fast-after-send. Flags and ua_*
 *   come from the import job's own EventClassifier (Yauaa) run over each user-agent profile;
 *   is_too_fast_after_send is set exactly where the time is within the rule's threshold of the recipient's send.
 *   No file (file_id NULL): the rebuild folds those.
 * - orders: 2 % of the clickers get one more clean click (counted in E) and an order 0-6 days after it (the
 *   attribution window is 5 days, so some fall outside); 0.5 % of the never-reacting recipients order anyway (not
 *   attributable); N/250 (at least 500) orders of the contacts who were not mailed, 30 days either side of the send;
 *   1-3 lines each, 20 % discounted; 5 % of all orders get a return (the first line, 2-14 days later).
 *
 * pkl_event's secondary indexes are dropped for the load and created again afterwards with the same definitions
 * (checked): H2 maintains them at ~5-10k rows/s during random inserts but builds them from sorted runs far faster.
 */
public class LoadReportData {
    static final Instant CAMPAIGN_SENT_AT = Instant.parse("2026-10-07T08:00:00Z");
    static final String SEND_START = "CAST('2026-10-07 07:00:00' AS DATETIME2(3))";
    static final String EPOCH = "CAST('1970-01-01 00:00:00' AS DATETIME2(3))";
    static final long SLICE = 1_000_000;
    static final long PRIME = 2_147_483_647L; // 2^31-1: positions -> ids is a bijection for any N below it

    // Event kinds: the user-agent profile group, the event type and the time rule follow from the kind.
    static final int OPEN_HUMAN = 0, OPEN_APPLE = 1, OPEN_MPP = 2, OPEN_PROXY = 3, OPEN_BOT = 4, OPEN_FAST = 5,
            CLICK_HUMAN = 6, CLICK_SCANNER = 7, CLICK_HEAD = 8, CLICK_BOT = 9, CLICK_FAST = 10, REJECTED = 11,
            UNSUBSCRIBE = 12;

    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final String EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0";
    static final String FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0";
    static final String SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15";
    static final String SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1";
    static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
    static final String PIXEL = "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36";
    static final String LINUX_FF = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String OUTLOOK = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17029; Pro)";
    static final String THUNDERBIRD = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0";
    static final String IPHONE_MAIL = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148";
    static final String MAC_MAIL = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

    /** User-agent profiles per kind: the user agents, the method, and the IP style of the client. */
    static final Object[][] KINDS = {
            {OPEN_HUMAN, "open", "GET", "human", List.of(OUTLOOK, THUNDERBIRD, CHROME, EDGE, FIREFOX, OUTLOOK, LINUX_FF)},
            {OPEN_APPLE, "open", "GET", "human", List.of(IPHONE_MAIL, MAC_MAIL)},
            {OPEN_MPP, "open", "GET", "mpp", List.of("Mozilla/5.0")},
            {OPEN_PROXY, "open", "GET", "google", List.of(
                    "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)")},
            {OPEN_BOT, "open", "GET", "cloud", List.of("curl/8.5.0", "python-requests/2.32.3", "Go-http-client/1.1",
                    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")},
            {OPEN_FAST, "open", "GET", "scanner", List.of(CHROME, EDGE)},
            {CLICK_HUMAN, "click", "GET", "human", List.of(CHROME, EDGE, FIREFOX, SAFARI_MAC, SAFARI_IPHONE, ANDROID,
                    PIXEL, LINUX_FF, CHROME)},
            {CLICK_SCANNER, "click", "GET", "scanner", List.of("Barracuda Sentinel (EE)")},
            {CLICK_HEAD, "click", "HEAD", "cloud", List.of(CHROME, "curl/8.5.0",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36 Edg/100.0.1185.44 BingPreview/1.0b")},
            {CLICK_BOT, "click", "GET", "cloud", List.of("python-requests/2.32.3", "Go-http-client/1.1",
                    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Java/17.0.9",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36 Edg/100.0.1185.44 BingPreview/1.0b")},
            {CLICK_FAST, "click", "GET", "scanner", List.of(CHROME, EDGE, FIREFOX)},
            {REJECTED, "rejected", "GET", "cloud", List.of(CHROME, "curl/8.5.0", "python-requests/2.32.3", SAFARI_IPHONE)},
            {UNSUBSCRIBE, "unsubscribe", "POST", "human", List.of(CHROME, SAFARI_IPHONE, FIREFOX, ANDROID)},
    };

    /** The parts of the e-mail: id, description, per-mille share of the clicks. */
    static final Object[][] LINKS = {
            {"hero", "Hero banner: autumn coffee sale", 300},
            {"btn_primary", "Main button: Shop the sale", 200},
            {"product-1", "Product tile 1: Espresso blend 1 kg", 140},
            {"product-2", "Product tile 2: Burr grinder", 100},
            {"product-3", "Product tile 3: Barista milk jug", 80},
            {"btn_secondary", "Secondary button: All offers", 70},
            {"blog", "Blog teaser: brewing guide", 60},
            {"footer-shop", "Footer: shop link", 50},
    };

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LoadReportData HOME CAMPAIGN RECIPIENTS EVENTS SEED");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String campaign = args[1];
        long n = Long.parseLong(args[2]);
        long events = Long.parseLong(args[3]);
        long seed = Long.parseLong(args[4]);
        if (!campaign.matches("[A-Za-z0-9._:-]{1,64}") || n < 100 || n >= PRIME || events < 1 || events > 100_000_000L) {
            System.err.println("campaign id [A-Za-z0-9._:-]{1,64}, 100 <= RECIPIENTS < 2^31-1, 1 <= EVENTS <= 100000000");
            System.exit(2);
        }
        if (Files.exists(home.resolve("db"))) {
            System.err.println(home + "/db exists: the loader fills a fresh home only");
            System.exit(2);
        }
        new LoadReportData(home, campaign, n, events, seed).run();
    }

    final Path home;
    final String campaign;
    final long n;
    final long events;
    final long seed;
    final long heavy;
    final long medium;
    final long light;
    final long active;
    final long heavyClickers;
    final long mediumClickers;
    final long lightClickers;
    final long failedEnd;
    final long hardEnd;
    final long softEnd;
    final long offset;
    final long inverse;
    final long others;
    final long organisations;
    final String utm;

    LoadReportData(Path home, String campaign, long n, long events, long seed) {
        this.home = home;
        this.campaign = campaign;
        this.n = n;
        this.events = events;
        this.seed = seed;
        heavy = n / 10;
        medium = n / 5;
        active = n * 6 / 10;
        light = active - heavy - medium;
        // 15 % of the recipients ever click: half of the heavy tier, a quarter of the medium, a sixth of the light.
        heavyClickers = Math.max(1, heavy / 2);
        mediumClickers = Math.max(1, medium / 4);
        lightClickers = Math.max(1, light / 6);
        failedEnd = active + n / 200;
        hardEnd = failedEnd + n * 15 / 1000;
        softEnd = hardEnd + n / 100;
        offset = Math.floorMod(seed * 7919L, n);
        inverse = BigInteger.valueOf(PRIME).modInverse(BigInteger.valueOf(n)).longValueExact();
        others = Math.max(200, n / 100);
        organisations = Math.max(10, n / 20);
        utm = "2026-10-07_autumn_coffee_" + campaign.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** An ORA_HASH seed per purpose, from SEED. */
    long s(int purpose) {
        return Math.floorMod(seed * 1_000_003L + purpose * 7_919L + 17L, 4_294_967_296L);
    }

    /** id (1..N) of a hidden position (0..N-1). */
    String idOf(String pos) {
        return "CAST(MOD(CAST(" + pos + " AS BIGINT) * " + PRIME + " + " + offset + ", " + n + ") + 1 AS BIGINT)";
    }

    /** hidden position of an id (inverse of idOf). */
    String posOf(String id) {
        return "CAST(MOD((CAST(" + id + " AS BIGINT) - 1 - " + offset + " + " + n + ") * " + inverse + ", " + n + ") AS BIGINT)";
    }

    /** The recipient's send time: in id order between 07:00 and 08:00. */
    String sendAt(String id) {
        return "DATEADD(MILLISECOND, (CAST(" + id + " AS BIGINT) - 1) * 3600000 / " + n + ", " + SEND_START + ")";
    }

    static String hex16(String expr) {
        return "RAWTOHEX(CAST(CAST(" + expr + " AS BIGINT) AS VARBINARY(8)))";
    }

    static String lit(String s) {
        return "N'" + s.replace("'", "''") + "'";
    }

    volatile long peakBytes;

    /**
     * Samples the H2 file every second (its peak is reported) and stops the JVM at once when the disk holding it has
     * less than MIN_FREE_GB (default 5) left: a rebuild of 20 M events grew the file past 50 GB and filled the
     * shared disk. The half-written home is then useless; bench/report.sh deletes it.
     */
    void watchDisk() {
        long minFree = Long.parseLong(System.getenv().getOrDefault("MIN_FREE_GB", "5")) << 30;
        Path file = home.resolve("db").resolve("proklik.mv.db");
        Thread watch = new Thread(() -> {
            while (true) {
                try {
                    if (Files.exists(file)) {
                        peakBytes = Math.max(peakBytes, Files.size(file));
                    }
                    long free = Files.getFileStore(home).getUsableSpace();
                    if (free < minFree) {
                        System.out.printf(Locale.ROOT, "STOPPED: only %,d MiB free on the disk of %s (H2 file %,d MiB)%n",
                                free >> 20, home, Files.exists(file) ? Files.size(file) >> 20 : 0);
                        System.out.flush();
                        Runtime.getRuntime().halt(3);
                    }
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // the file may be replaced while H2 compacts; try again next second
                }
            }
        }, "disk-watch");
        watch.setDaemon(true);
        watch.start();
    }

    void run() throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(home);
        watchDisk();
        cli("db", "migrate");
        cli("campaigns", "add", campaign, "--name", "Autumn coffee sale (benchmark)", "--subject",
                "Podzimní výprodej kávy: -20 % na vše", "--utm-campaign", utm, "--sent-at", CAMPAIGN_SENT_AT.toString());
        Map<String, Long> counts = new LinkedHashMap<>();
        long eventsStart;
        try (Database db = Database.embedded(home)) {
            CampaignDao campaigns = new CampaignDao(db.dataSource());
            int position = 1;
            for (Object[] l : LINKS) {
                campaigns.saveLink(new CampaignLink(campaign, (String) l[0], (String) l[1], target((String) l[0]),
                        position++));
            }
            campaigns.saveVariant(new CampaignVariant(campaign, "A", "Subject with the discount", new BigDecimal("50")));
            campaigns.saveVariant(new CampaignVariant(campaign, "B", "Subject with the product", new BigDecimal("50")));
            try (Connection c = db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    // Stream INSERT ... SELECT through the nested derived tables instead of materialising each one.
                    st.execute("SET LAZY_QUERY_EXECUTION TRUE");
                }
                counts.put("organisations", timed(c, "organisations", organisationsSql()));
                counts.put("products", timed(c, "products", productsSql()));
                long contacts = 0;
                for (long lo = 1; lo <= n + others; lo += SLICE) {
                    contacts += timed(c, "contacts " + lo + "..", contactsSql(lo, Math.min(n + others, lo + SLICE - 1)));
                }
                counts.put("contacts", contacts);
                long sends = 0;
                for (long lo = 1; lo <= n; lo += SLICE) {
                    sends += timed(c, "sends " + lo + "..", sendsSql(lo, Math.min(n, lo + SLICE - 1)));
                }
                counts.put("sends", sends);
                createTempTables(c);
                long buyers = timed(c, "buyers", buyersSql());
                long unsubscribers = timed(c, "unsubscribers", unsubscribersSql());
                long main = Math.max(0, events - buyers - unsubscribers);
                eventsStart = System.nanoTime();
                List<String[]> indexes = dropEventIndexes(c);
                long stored = 0;
                for (long lo = 1; lo <= main; lo += SLICE) {
                    long hi = Math.min(main, lo + SLICE - 1);
                    stored += timed(c, "events " + lo + ".." + hi, eventsSql(mainSource(lo, hi, main), main));
                }
                stored += timed(c, "buyer clicks", eventsSql(forcedSource("bench_buyer", main, CLICK_HUMAN, "click_at"), main));
                stored += timed(c, "unsubscribe events",
                        eventsSql(forcedSource("bench_unsub", main + buyers, UNSUBSCRIBE, "at"), main));
                counts.put("events", stored);
                recreateEventIndexes(c, indexes);
                System.out.printf(Locale.ROOT, "events with indexes: %.1f s%n", (System.nanoTime() - eventsStart) / 1e9);
                counts.put("unsubscribes", timed(c, "pkl_unsubscribe", """
                        INSERT INTO pkl_unsubscribe (campaign_id, recipient_id, unsubscribed_at, source_event_id)
                        SELECT campaign_id, recipient_id, MIN(event_time), MIN(event_id) FROM pkl_event
                        WHERE id > %d AND event_type = 'unsubscribe' GROUP BY campaign_id, recipient_id"""
                        .formatted(main + buyers)));
                counts.put("orders+returns", orders(c));
            }
        }
        double loadS = (System.nanoTime() - t0) / 1e9;
        Path file = home.resolve("db").resolve("proklik.mv.db");
        long loadedBytes = Files.size(file);
        System.out.printf(Locale.ROOT, "LOAD done in %.1f s, H2 file %,d MiB: %s%n", loadS, loadedBytes >> 20, counts);

        // The peak shows what the rebuild needs on disk besides the data (H2 keeps what a transaction replaces until
        // its commit; the rebuild commits every REBUILD_SLICE events).
        peakBytes = loadedBytes;
        long t1 = System.nanoTime();
        // LOAD_ONLY=1: the aggregates are left empty, for bench/rebuild.sh to time the rebuild on its own.
        if (!"1".equals(System.getenv("LOAD_ONLY"))) {
            cli("aggregates", "rebuild");
        }
        double rebuildS = (System.nanoTime() - t1) / 1e9;
        long bytes = Files.size(file);
        System.out.printf(Locale.ROOT, "LOADED events=%d load_s=%.1f rebuild_s=%.1f h2_load_bytes=%d h2_peak_bytes=%d"
                + " h2_bytes=%d%n", counts.get("events"), loadS, rebuildS, loadedBytes, Math.max(peakBytes, bytes), bytes);
        summary();
    }

    String target(String link) {
        String path = switch (link) {
            case "hero", "btn_primary" -> "akce/podzimni-kava";
            case "product-1" -> "p/espresso-blend-1kg";
            case "product-2" -> "p/mlynek-burr";
            case "product-3" -> "p/konvicka-na-mleko";
            case "btn_secondary" -> "akce";
            case "blog" -> "blog/jak-pripravit-espresso";
            default -> "";
        };
        return "https://shop.example.cz/" + path + "?utm_source=email&utm_medium=newsletter&utm_campaign=" + utm
                + "&utm_content=" + link;
    }

    void cli(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        int code = ProklikCli.run(args, Map.of("PROKLIK_HOME", home.toString()), out, new PrintWriter(System.err, true));
        if (code != 0) {
            throw new IllegalStateException("proklik " + String.join(" ", args) + " exited with " + code);
        }
    }

    static long timed(Connection c, String what, String sql) throws Exception {
        long start = System.nanoTime();
        long rows;
        try (Statement st = c.createStatement()) {
            rows = st.executeLargeUpdate(sql);
        }
        c.commit();
        System.out.printf(Locale.ROOT, "  %-28s %,12d rows %8.1f s%n", what, rows, (System.nanoTime() - start) / 1e9);
        return rows;
    }

    // ---- the stand-in ERP ----

    static final String[][] COUNTRIES = {
            // country, per-mille upper bound, language, second language (10 %), regions
            {"CZ", "620", "cs", "en", "Praha|Středočeský kraj|Jihomoravský kraj|Moravskoslezský kraj|Plzeňský kraj|Ústecký kraj|Vysočina|Olomoucký kraj"},
            {"SK", "860", "sk", "cs", "Bratislavský kraj|Košický kraj|Žilinský kraj|Banskobystrický kraj"},
            {"PL", "950", "pl", "en", "Mazowieckie|Małopolskie|Śląskie"},
            {"AT", "980", "de", "en", "Wien|Niederösterreich"},
            {"DE", "1000", "de", "en", "Bayern|Sachsen"},
    };

    /** CASE over a per-mille draw: the country code. */
    static String countryCase(String draw) {
        StringBuilder sb = new StringBuilder("CASE");
        for (String[] c : COUNTRIES) {
            sb.append(" WHEN ").append(draw).append(" < ").append(c[1]).append(" THEN '").append(c[0]).append("'");
        }
        return sb.append(" END").toString();
    }

    /** CASE over the country: one of its regions by a draw. */
    static String regionCase(String country, String draw) {
        StringBuilder sb = new StringBuilder("CASE ").append(country);
        for (String[] c : COUNTRIES) {
            String[] regions = c[4].split("\\|");
            sb.append(" WHEN '").append(c[0]).append("' THEN CASE MOD(").append(draw).append(", ").append(regions.length)
                    .append(")");
            for (int i = 0; i < regions.length; i++) {
                sb.append(" WHEN ").append(i).append(" THEN ").append(lit(regions[i]));
            }
            sb.append(" END");
        }
        return sb.append(" END").toString();
    }

    static String languageCase(String country, String draw) {
        StringBuilder sb = new StringBuilder("CASE ").append(country);
        for (String[] c : COUNTRIES) {
            sb.append(" WHEN '").append(c[0]).append("' THEN CASE WHEN ").append(draw).append(" < 100 THEN '")
                    .append(c[3]).append("' ELSE '").append(c[2]).append("' END");
        }
        return sb.append(" END").toString();
    }

    static String pick(String draw, String... values) {
        StringBuilder sb = new StringBuilder("CASE MOD(").append(draw).append(", ").append(values.length).append(")");
        for (int i = 0; i < values.length; i++) {
            sb.append(" WHEN ").append(i).append(" THEN ").append(lit(values[i]));
        }
        return sb.append(" END").toString();
    }

    String organisationsSql() {
        return """
                INSERT INTO pkl_standin_organisation (organisation_id, name, country_code, region, category)
                SELECT 'BORG-' || x.k,
                       CASE x.category WHEN 'horeca' THEN %s WHEN 'retail' THEN %s WHEN 'e-shop' THEN N'E-shop '
                            WHEN 'public' THEN %s ELSE N'Velkoobchod ' END || %s || ' ' || x.k
                            || CASE x.country WHEN 'CZ' THEN N' s.r.o.' WHEN 'SK' THEN N' s.r.o.' WHEN 'PL' THEN N' sp. z o.o.'
                               ELSE N' GmbH' END,
                       x.country, %s, x.category
                FROM (SELECT r.k, %s AS country, ORA_HASH(r.k, 999999, %d) AS h,
                             CASE WHEN MOD(ORA_HASH(r.k, 999, %d), 100) < 35 THEN 'retail'
                                  WHEN MOD(ORA_HASH(r.k, 999, %d), 100) < 55 THEN 'wholesale'
                                  WHEN MOD(ORA_HASH(r.k, 999, %d), 100) < 75 THEN 'horeca'
                                  WHEN MOD(ORA_HASH(r.k, 999, %d), 100) < 90 THEN 'e-shop' ELSE 'public' END AS category
                      FROM SYSTEM_RANGE(1, %d) r(k)) x"""
                .formatted(pick("x.h / 7", "Kavárna ", "Restaurace ", "Hotel ", "Bistro "),
                        pick("x.h / 7", "Obchod ", "Prodejna ", "Pražírna "),
                        pick("x.h / 7", "Městský úřad ", "Škola ", "Nemocnice "),
                        pick("x.h / 11", "Novák", "Horák", "Dvořák", "Kováč", "Nowak", "Berger", "Vltava", "Morava",
                                "Tatra", "Beskyd", "Šumava", "Podhradí"),
                        regionCase("x.country", "x.h / 13"), countryCase("ORA_HASH(r.k, 999, " + s(2) + ")"), s(3),
                        s(1), s(1), s(1), s(1), organisations);
    }

    String productsSql() {
        return """
                INSERT INTO pkl_standin_product (product_id, sku, name, product_group, price, image_url)
                SELECT 'BP' || r.k, 'BSKU-' || r.k,
                       CASE MOD(r.k, 4) WHEN 0 THEN N'Káva ' WHEN 1 THEN N'Čaj ' WHEN 2 THEN N'Hrnek ' ELSE N'Kávovar ' END || r.k,
                       CASE MOD(r.k, 4) WHEN 0 THEN 'coffee' WHEN 1 THEN 'tea' WHEN 2 THEN 'accessories' ELSE 'machines' END,
                       CAST(CASE MOD(r.k, 4) WHEN 3 THEN 1990 + ORA_HASH(r.k, 12000, %d) ELSE 89 + ORA_HASH(r.k, 900, %d) END
                            AS DECIMAL(19,4)),
                       'https://shop.example.cz/img/bp-' || r.k || '.jpg'
                FROM SYSTEM_RANGE(1, 40) r(k)""".formatted(s(4), s(4));
    }

    String contactsSql(long lo, long hi) {
        // Recipients (id <= N) got the e-mail, so they consented; 70 % of the others did.
        return """
                INSERT INTO pkl_standin_contact (contact_id, email, first_name, last_name, language_code, region,
                                                 country_code, organisation_id, email_consent, birthday)
                SELECT 'B' || x.id, 'contact' || x.id || '@example.' || LOWER(COALESCE(o.country_code, x.country)),
                       %s, %s, %s, COALESCE(o.region, %s), COALESCE(o.country_code, x.country), x.org,
                       CASE WHEN x.id <= %d OR MOD(x.h, 10) < 7 THEN 1 ELSE 0 END,
                       CASE WHEN MOD(x.h / 10, 10) < 6 THEN DATEADD(DAY, MOD(x.h / 100, 20000), CAST('1950-01-01' AS DATE)) END
                FROM (SELECT r.id, ORA_HASH(r.id, 999999999, %d) AS h, ORA_HASH(r.id, 999999999, %d) AS g,
                             %s AS country,
                             CASE WHEN ORA_HASH(r.id, 99, %d) < 70 THEN 'BORG-' || (1 + ORA_HASH(r.id, %d, %d)) END AS org
                      FROM SYSTEM_RANGE(%d, %d) r(id)) x
                LEFT JOIN pkl_standin_organisation o ON o.organisation_id = x.org"""
                .formatted(pick("x.g", "Jana", "Petr", "Eva", "Tomáš", "Lucie", "Jakub", "Zuzana", "Martin", "Anna",
                                "Marek", "Kateřina", "Ondřej", "Agnieszka", "Piotr", "Lukas", "Monika"),
                        pick("x.g / 16", "Nováková", "Svoboda", "Horváthová", "Dvořák", "Kowalska", "Černý",
                                "Procházková", "Kučera", "Veselá", "Marek", "Kováč", "Nowak", "Huber", "Bauer",
                                "Szabó", "Němcová", "Pokorný", "Krejčí"),
                        languageCase("COALESCE(o.country_code, x.country)", "MOD(x.g / 1000, 1000)"),
                        regionCase("x.country", "x.g / 1000000"), n, s(5), s(6),
                        countryCase("MOD(ORA_HASH(r.id, 999999, " + s(7) + "), 1000)"), s(8), organisations - 1, s(9),
                        lo, hi);
    }

    String sendsSql(long lo, long hi) {
        return """
                INSERT INTO pkl_send (campaign_id, recipient_id, email, variant, sent_at, status, error_text,
                                      bounce_kind, bounced_at, updated_at)
                SELECT %s, 'B' || y.id, c.email, CASE WHEN MOD(y.id, 2) = 0 THEN 'A' ELSE 'B' END, y.sent_at, y.status,
                       CASE WHEN y.status = 'failed' THEN %s
                            WHEN y.kind = 'hard' THEN N'550 5.1.1 <' || c.email || N'>: Recipient address rejected: User unknown'
                            WHEN y.kind = 'soft' THEN %s END,
                       y.kind, y.bounced_at, COALESCE(y.bounced_at, y.sent_at)
                FROM (SELECT x.id, x.sent_at, x.h,
                             CASE WHEN x.pos >= %d AND x.pos < %d THEN 'failed'
                                  WHEN x.pos >= %d AND x.pos < %d THEN 'bounced' ELSE 'sent' END AS status,
                             CASE WHEN x.pos >= %d AND x.pos < %d THEN 'hard' WHEN x.pos >= %d AND x.pos < %d THEN 'soft' END AS kind,
                             CASE WHEN x.pos >= %d AND x.pos < %d THEN DATEADD(SECOND, 3 + MOD(x.h, 120), x.sent_at)
                                  WHEN x.pos >= %d AND x.pos < %d THEN DATEADD(SECOND, 600 + MOD(x.h, 172800), x.sent_at) END
                                 AS bounced_at
                      FROM (SELECT r.id, %s AS pos, %s AS sent_at, ORA_HASH(r.id, 999999999, %d) AS h
                            FROM SYSTEM_RANGE(%d, %d) r(id)) x) y
                LEFT JOIN pkl_standin_contact c ON c.contact_id = 'B' || y.id"""
                .formatted(lit(campaign),
                        pick("y.h / 1000", "554 5.7.1 Relay access denied", "SMTP timeout after 60 s",
                                "501 5.1.3 Bad recipient address syntax"),
                        pick("y.h / 1000", "452 4.2.2 Mailbox full", "421 4.7.0 Try again later"),
                        active, failedEnd, failedEnd, softEnd, failedEnd, hardEnd, hardEnd, softEnd,
                        failedEnd, hardEnd, hardEnd, softEnd,
                        posOf("r.id"), sendAt("r.id"), s(10), lo, hi);
    }

    // ---- events ----

    void createTempTables(Connection c) throws Exception {
        EventClassifier classifier = new EventClassifier(new UserAgentClassifier(), List.of(), List.of("17.0.0.0/8"));
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE LOCAL TEMPORARY TABLE bench_profile (profile_no INT PRIMARY KEY, event_type NVARCHAR(16),
                        method NVARCHAR(8), ip_style NVARCHAR(8), user_agent NVARCHAR(512), is_bot_ua BIT,
                        is_security_scanner BIT, is_prefetch BIT, is_mpp_suspect BIT, is_too_fast BIT,
                        ua_class NVARCHAR(16), ua_name NVARCHAR(64), device_class NVARCHAR(16))""");
            st.execute("""
                    CREATE LOCAL TEMPORARY TABLE bench_link (link_no INT PRIMARY KEY, link_id NVARCHAR(64),
                        target_url NVARCHAR(2048))""");
            st.execute("CREATE LOCAL TEMPORARY TABLE bench_buyer (k BIGINT PRIMARY KEY, pos BIGINT, click_at DATETIME2(3))");
            st.execute("CREATE LOCAL TEMPORARY TABLE bench_unsub (k BIGINT PRIMARY KEY, pos BIGINT, at DATETIME2(3))");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_profile VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int no = 0;
            for (Object[] k : KINDS) {
                int kind = (Integer) k[0];
                String type = (String) k[1];
                String ip = switch ((String) k[3]) {
                    case "mpp" -> "17.58.1.2";
                    case "google" -> "66.249.84.1";
                    default -> "85.160.12.7";
                };
                @SuppressWarnings("unchecked")
                List<String> uas = (List<String>) k[4];
                for (String ua : uas) {
                    Classification f = classifier.classify(new TrackingEvent(UUID.randomUUID(), Instant.now(),
                            EventType.fromCode(type), (String) k[2], "C", "R", type.equals("click") ? "hero" : "", "A",
                            "", "k1", "", ip, ua, "web-1", ""));
                    ps.setInt(1, no++);
                    ps.setString(2, type);
                    ps.setString(3, (String) k[2]);
                    ps.setString(4, (String) k[3]);
                    ps.setString(5, ua);
                    ps.setBoolean(6, f.botUserAgent());
                    ps.setBoolean(7, f.securityScanner());
                    ps.setBoolean(8, f.prefetch());
                    ps.setBoolean(9, f.mppSuspect());
                    ps.setBoolean(10, kind == OPEN_FAST || kind == CLICK_FAST);
                    ps.setString(11, cut(f.userAgent().agentClass(), 16));
                    ps.setString(12, cut(f.userAgent().agentName(), 64));
                    ps.setString(13, cut(f.userAgent().deviceClass(), 16));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_link VALUES (?, ?, ?)")) {
            for (int i = 0; i < LINKS.length; i++) {
                ps.setInt(1, i);
                ps.setString(2, (String) LINKS[i][0]);
                ps.setString(3, target((String) LINKS[i][0]));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** 2 % of the clickers, each with the time of the clean click that leads to their order. */
    String buyersSql() {
        return """
                INSERT INTO bench_buyer (k, pos, click_at)
                SELECT ROW_NUMBER() OVER (ORDER BY x.pos), x.pos,
                       DATEADD(MILLISECOND, 60000 + CAST(864000000 * POWER(CAST(ORA_HASH(x.pos, 999999, %d) AS DOUBLE PRECISION) / 1000000, 3) AS BIGINT), %s)
                FROM (SELECT r.pos FROM SYSTEM_RANGE(0, %d) r(pos)
                      WHERE (r.pos < %d OR r.pos >= %d AND r.pos < %d OR r.pos >= %d AND r.pos < %d)
                        AND ORA_HASH(r.pos, 999, %d) < 20) x"""
                .formatted(s(20), sendAt(idOf("x.pos")), active - 1, heavyClickers, heavy, heavy + mediumClickers,
                        heavy + medium, heavy + medium + lightClickers, s(21));
    }

    /** 0.3 % of the active recipients unsubscribe, mostly in the first days. */
    String unsubscribersSql() {
        return """
                INSERT INTO bench_unsub (k, pos, at)
                SELECT ROW_NUMBER() OVER (ORDER BY x.pos), x.pos,
                       DATEADD(MILLISECOND, 120000 + CAST(604800000 * POWER(CAST(ORA_HASH(x.pos, 999999, %d) AS DOUBLE PRECISION) / 1000000, 2) AS BIGINT), %s)
                FROM (SELECT r.pos FROM SYSTEM_RANGE(0, %d) r(pos) WHERE ORA_HASH(r.pos, 999, %d) < 3) x"""
                .formatted(s(22), sendAt(idOf("x.pos")), active - 1, s(23));
    }

    String hashes(String nExpr) {
        return "ORA_HASH(" + nExpr + ", 999999999, " + s(11) + ") AS h1, ORA_HASH(" + nExpr + ", 4294967295, " + s(12)
                + ") AS h2, ORA_HASH(" + nExpr + ", 999999999, " + s(13) + ") AS h3, ORA_HASH(" + nExpr
                + ", 4294967295, " + s(14) + ") AS h4";
    }

    String mainSource(long lo, long hi, long main) {
        return "SELECT r.n, CAST(NULL AS INT) AS force_kind, CAST(NULL AS BIGINT) AS force_pos, "
                + "CAST(NULL AS DATETIME2(3)) AS force_time, " + hashes("r.n") + " FROM SYSTEM_RANGE(" + lo + ", " + hi
                + ") r(n)";
    }

    String forcedSource(String table, long before, int kind, String timeColumn) {
        return "SELECT " + before + " + b.k AS n, " + kind + " AS force_kind, b.pos AS force_pos, b." + timeColumn
                + " AS force_time, " + hashes(before + " + b.k") + " FROM " + table + " b";
    }

    /** CASE kind -> the profile number: humans keep one device (a second one for 30 % of their events). */
    static String profileCase() {
        StringBuilder sb = new StringBuilder("CASE z.kind");
        int base = 0;
        for (Object[] k : KINDS) {
            int kind = (Integer) k[0];
            int count = ((List<?>) k[4]).size();
            String sel = "human".equals(k[3]) ? "z.id + CASE WHEN z.c < 300 THEN 3 ELSE 0 END" : "z.c";
            sb.append(" WHEN ").append(kind).append(" THEN ").append(base).append(" + MOD(").append(sel).append(", ")
                    .append(count).append(")");
            base += count;
        }
        return sb.append(" END").toString();
    }

    static String linkCase() {
        StringBuilder sb = new StringBuilder("CASE");
        int upper = 0;
        for (int i = 0; i < LINKS.length; i++) {
            upper += (Integer) LINKS[i][2];
            sb.append(" WHEN z.d < ").append(upper).append(" THEN ").append(i);
        }
        return sb.append(" END").toString();
    }

    /**
     * The events of {@code source} (columns n, force_kind, force_pos, force_time, h1..h4). Main events (no force_*)
     * take their kind, recipient and time from hashes of n; the time grows with n, as the import appends.
     */
    String eventsSql(String source, long main) {
        String firstOctets = "031037046077078085089090093094109176178185188193195212213217";
        String humanIp = "CASE WHEN MOD(x.id, 7) = 0 THEN '2a00:' || SUBSTRING(" + hex16("4096 + MOD(x.id * 31, 61440)")
                + ", 13, 4) || ':' || SUBSTRING(" + hex16("4096 + MOD(x.id * 131 + x.dev, 61440)") + ", 13, 4) || '::'"
                + " ELSE CAST(CAST(SUBSTRING('" + firstOctets + "', 1 + 3 * MOD(x.id, 20), 3) AS INT) AS VARCHAR)"
                + " || '.' || MOD(x.id * 37, 256) || '.' || MOD(x.id * 101 + x.dev, 256) || '.0' END";
        String ip = "CASE p.ip_style WHEN 'mpp' THEN '17.58.' || MOD(x.h4, 256) || '.0'"
                + " WHEN 'google' THEN '66.249.' || (80 + MOD(x.h4, 16)) || '.0'"
                + " WHEN 'scanner' THEN '40.94.' || MOD(x.h4 / 256, 256) || '.0'"
                + " WHEN 'cloud' THEN '34.' || MOD(x.h4 / 256, 256) || '.' || MOD(x.h4, 256) || '.0'"
                + " ELSE " + humanIp + " END";
        // 3/4 of the reactions within 48 h (F(t) ~ t^0.3: a quarter in the first hour), the rest over 19 more days.
        String mainOffset = """
                CASE WHEN (CAST(s.n AS DOUBLE PRECISION) - 0.5) / %1$d < 0.75
                     THEN 20000 + CAST(172780000 * POWER(((CAST(s.n AS DOUBLE PRECISION) - 0.5) / %1$d) / 0.75, 3.33) AS BIGINT)
                     ELSE 172800000 + CAST(1641600000 * POWER(((CAST(s.n AS DOUBLE PRECISION) - 0.5) / %1$d - 0.75) / 0.25, 2)
                                           AS BIGINT) END"""
                .formatted(Math.max(1, main));
        // Opens from anyone active; clicks only from the clickers (the first part of each tier's range).
        String pos = """
                COALESCE(s.force_pos,
                    CASE WHEN MOD(s.h1, 1000) >= 660 THEN
                        CASE WHEN MOD(s.h1 / 1000, 1000) < 500 THEN MOD(s.h2, %d)
                             WHEN MOD(s.h1 / 1000, 1000) < 850 THEN %d + MOD(s.h2, %d)
                             ELSE %d + MOD(s.h2, %d) END
                    ELSE
                        CASE WHEN MOD(s.h1 / 1000, 1000) < 500 THEN MOD(s.h2, %d)
                             WHEN MOD(s.h1 / 1000, 1000) < 850 THEN %d + MOD(s.h2, %d)
                             ELSE %d + MOD(s.h2, %d) END END)"""
                .formatted(heavyClickers, heavy, mediumClickers, heavy + medium, lightClickers,
                        heavy, heavy, medium, heavy + medium, light);
        String kind = """
                COALESCE(w.force_kind,
                    CASE WHEN w.a < 10 THEN %d
                         WHEN w.a < 660 THEN
                             CASE WHEN ORA_HASH(w.pos, 99, %d) < 40 THEN CASE WHEN w.b < 900 THEN %d ELSE %d END
                                  WHEN w.b < 300 THEN %d WHEN w.b < 330 THEN %d WHEN w.b < 345 THEN %d ELSE %d END
                         ELSE CASE WHEN w.b < 350 AND ORA_HASH(w.pos, 99, %d) < 15 THEN %d
                                   WHEN w.c < 40 THEN %d WHEN w.c < 70 THEN %d WHEN w.c < 85 THEN %d ELSE %d END END)"""
                .formatted(REJECTED, s(16), OPEN_MPP, OPEN_APPLE, OPEN_PROXY, OPEN_BOT, OPEN_FAST, OPEN_HUMAN, s(17), CLICK_SCANNER,
                        CLICK_HEAD, CLICK_BOT, CLICK_FAST, CLICK_HUMAN);
        String time = """
                CASE z.kind WHEN %d THEN DATEADD(MILLISECOND, 50 + MOD(z.e, 900), z.send_at)
                            WHEN %d THEN DATEADD(MILLISECOND, 100 + MOD(z.e, 1800), z.send_at)
                            WHEN %d THEN DATEADD(MILLISECOND, 30000 + MOD(z.id * 7919, 600) * 1000 + MOD(z.e, 1500), z.send_at)
                            ELSE COALESCE(z.force_time, DATEADD(MILLISECOND, z.main_offset, z.send_at)) END"""
                .formatted(OPEN_FAST, CLICK_FAST, CLICK_SCANNER);
        String reason = "CASE WHEN z.kind = " + REJECTED + " THEN CASE MOD(z.e, 10) WHEN 0 THEN 'MALFORMED' WHEN 1 THEN"
                + " 'UNKNOWN_KEY' WHEN 2 THEN 'RETIRED_KEY' ELSE 'BAD_SIGNATURE' END END";
        String eventId = "SUBSTRING(x.th, 5, 8) || '-' || SUBSTRING(x.th, 13, 4) || '-7' || SUBSTRING(x.rh, 10, 3) || '-'"
                + " || SUBSTRING('89ab', 1 + MOD(x.h4 / 4096, 4), 1) || SUBSTRING(x.rh, 14, 3) || '-' || SUBSTRING(x.sh, 5, 12)";
        return """
                INSERT INTO pkl_event (event_id, event_time, event_type, method, campaign_id, recipient_id, link_id,
                    variant, target, key_id, reason, client_ip, user_agent, node, request_path, file_id, file_seq,
                    imported_at, is_bot_ua, is_security_scanner, is_prefetch, is_mpp_suspect, is_too_fast_after_send,
                    ua_class, ua_name, device_class, flagged_at)
                SELECT %s, x.tm, p.event_type, p.method,
                       CASE WHEN p.event_type = 'rejected' THEN NULL ELSE %s END,
                       CASE WHEN p.event_type = 'rejected' THEN NULL ELSE 'B' || x.id END,
                       CASE WHEN p.event_type = 'click' THEN l.link_id END,
                       CASE WHEN p.event_type = 'rejected' THEN NULL WHEN MOD(x.id, 2) = 0 THEN 'A' ELSE 'B' END,
                       CASE WHEN p.event_type = 'click' THEN l.target_url END,
                       CASE WHEN x.reason = 'MALFORMED' THEN NULL ELSE 'k1' END, x.reason, %s, p.user_agent,
                       CASE WHEN MOD(x.n, 2) = 0 THEN 'web-1' ELSE 'web-2' END,
                       CASE WHEN p.event_type = 'rejected' THEN '/c/1.k1.' || SUBSTRING(x.sh, 3, 14) || '.' || x.rh END,
                       NULL, NULL, x.imported_at, p.is_bot_ua, p.is_security_scanner, p.is_prefetch, p.is_mpp_suspect,
                       p.is_too_fast, p.ua_class, p.ua_name, p.device_class, x.imported_at
                FROM (
                    SELECT y.*, %s AS th, %s AS rh, %s AS sh, DATEADD(SECOND, 240 + MOD(y.h4, 600), y.tm) AS imported_at
                    FROM (
                        SELECT z.*, %s AS tm, %s AS profile_no, %s AS link_no, %s AS reason,
                               CASE WHEN z.c < 300 THEN 3 ELSE 0 END AS dev
                        FROM (
                            SELECT w.*, %s AS send_at, %s AS kind
                            FROM (
                                SELECT v.*, %s AS id
                                FROM (
                                    SELECT s.n, s.force_kind, s.force_time, s.h1, s.h2, s.h3, s.h4,
                                           MOD(s.h1, 1000) AS a, MOD(s.h1 / 1000000, 1000) AS b,
                                           MOD(s.h3, 1000) AS c, MOD(s.h3 / 1000, 1000) AS d,
                                           MOD(s.h3 / 1000000, 1000) AS e, %s AS pos, %s AS main_offset
                                    FROM (%s) s
                                ) v
                            ) w
                        ) z
                    ) y
                ) x
                LEFT JOIN bench_profile p ON p.profile_no = x.profile_no
                LEFT JOIN bench_link l ON l.link_no = x.link_no"""
                .formatted(eventId, lit(campaign), ip,
                        hex16("DATEDIFF(MILLISECOND, " + EPOCH + ", y.tm)"), hex16("y.h4"),
                        hex16("BITXOR(MOD(y.n * 40503569243, 281474976710656), " + (s(15) * 65_537L % 281_474_976_710_656L) + ")"),
                        time, profileCase(), linkCase(), reason,
                        sendAt("w.id"), kind, idOf("v.pos"), pos, mainOffset, source);
    }

    /** The secondary indexes of pkl_event as [name, "UNIQUE " or "", column list], after dropping them. */
    static List<String[]> dropEventIndexes(Connection c) throws Exception {
        List<String[]> indexes = eventIndexes(c);
        try (Statement st = c.createStatement()) {
            for (String[] ix : indexes) {
                st.execute("DROP INDEX " + ix[0]);
            }
        }
        c.commit();
        return indexes;
    }

    static List<String[]> eventIndexes(Connection c) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT i.index_name, i.index_type_name,
                       LISTAGG(ic.column_name || CASE WHEN ic.ordering_specification = 'DESC' THEN ' DESC' ELSE '' END, ', ')
                           WITHIN GROUP (ORDER BY ic.ordinal_position) AS cols
                FROM information_schema.indexes i
                JOIN information_schema.index_columns ic ON ic.index_schema = i.index_schema
                                                        AND ic.index_name = i.index_name
                WHERE i.table_name = 'pkl_event' AND i.index_type_name IN ('INDEX', 'UNIQUE INDEX')
                  AND NOT EXISTS (SELECT 1 FROM information_schema.table_constraints tc
                                  WHERE tc.index_schema = i.index_schema AND tc.index_name = i.index_name)
                GROUP BY i.index_name, i.index_type_name
                ORDER BY i.index_name""")) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2).startsWith("UNIQUE") ? "UNIQUE " : "",
                    rs.getString(3)});
            }
        }
        return out;
    }

    static void recreateEventIndexes(Connection c, List<String[]> indexes) throws Exception {
        for (String[] ix : indexes) {
            timed(c, "index " + ix[0], "CREATE " + ix[1] + "INDEX " + ix[0] + " ON pkl_event (" + ix[2] + ")");
        }
        List<String[]> now = eventIndexes(c);
        if (now.size() != indexes.size()) {
            throw new IllegalStateException("pkl_event indexes differ after the load");
        }
        for (int i = 0; i < now.size(); i++) {
            if (!Arrays.equals(now.get(i), indexes.get(i))) {
                throw new IllegalStateException("pkl_event index differs after the load: " + String.join(" ", now.get(i)));
            }
        }
    }

    // ---- orders ----

    long orders(Connection c) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE LOCAL TEMPORARY TABLE bench_order_head (head_no BIGINT PRIMARY KEY, contact_id NVARCHAR(64),
                        ordered_at DATETIME2(3), h BIGINT)""");
        }
        long unrelated = Math.max(500, n / 250);
        // Buyers: 0-6 days after their click (the window is 5 days). Never-reacting recipients: any time in the
        // three weeks. Contacts not mailed: 30 days either side of the send.
        timed(c, "orders: buyers", """
                INSERT INTO bench_order_head (head_no, contact_id, ordered_at, h)
                SELECT b.k, 'B' || %s, DATEADD(SECOND, ORA_HASH(b.k, 518400, %d), b.click_at), ORA_HASH(b.k, 999999999, %d)
                FROM bench_buyer b""".formatted(idOf("b.pos"), s(30), s(31)));
        timed(c, "orders: without a click", """
                INSERT INTO bench_order_head (head_no, contact_id, ordered_at, h)
                SELECT 10000000000 + r.pos, 'B' || %s, DATEADD(SECOND, ORA_HASH(r.pos, 1814400, %d), %s),
                       ORA_HASH(r.pos, 999999999, %d)
                FROM SYSTEM_RANGE(%d, %d) r(pos) WHERE ORA_HASH(r.pos, 999, %d) < 5"""
                .formatted(idOf("r.pos"), s(32), sendAt(idOf("r.pos")), s(33), softEnd, n - 1, s(34)));
        timed(c, "orders: contacts not mailed", """
                INSERT INTO bench_order_head (head_no, contact_id, ordered_at, h)
                SELECT 20000000000 + r.k, 'B' || (%d + 1 + ORA_HASH(r.k, %d, %d)),
                       DATEADD(SECOND, ORA_HASH(r.k, 5184000, %d), CAST('2026-09-07 08:00:00' AS DATETIME2(3))),
                       ORA_HASH(r.k, 999999999, %d)
                FROM SYSTEM_RANGE(1, %d) r(k)""".formatted(n, others - 1, s(35), s(36), s(37), unrelated));
        // ERP order numbers in time order; 1-3 lines (1 in 60 %), quantity 1 (70 %), 2 or 3; 20 % with a discount.
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE LOCAL TEMPORARY TABLE bench_order AS
                    SELECT 'OBJ-' || CAST(2026000000 + ROW_NUMBER() OVER (ORDER BY h.ordered_at, h.head_no) AS VARCHAR) AS order_id,
                           h.head_no, h.contact_id, h.ordered_at, h.h,
                           CASE WHEN MOD(h.h, 10) < 6 THEN 1 WHEN MOD(h.h, 10) < 9 THEN 2 ELSE 3 END AS lines,
                           CASE WHEN MOD(h.h / 10, 100) < 15 THEN 10 WHEN MOD(h.h / 10, 100) < 20 THEN 20 ELSE 0 END AS disc
                    FROM bench_order_head h""");
        }
        long lines = timed(c, "order lines", """
                INSERT INTO pkl_standin_order_line (order_id, line_no, product_id, quantity, gross_amount, net_amount)
                SELECT x.order_id, x.line_no, p.product_id, x.qty, p.price * x.qty,
                       CAST(p.price * x.qty * (100 - x.disc) / 100 AS DECIMAL(19,4))
                FROM (SELECT o.order_id, r.line_no, o.disc,
                             1 + MOD(ORA_HASH(o.head_no * 4 + r.line_no, 999999, %d), 40) AS product_no,
                             CASE WHEN MOD(o.h / (1000 * r.line_no), 10) < 7 THEN 1
                                  WHEN MOD(o.h / (1000 * r.line_no), 10) < 9 THEN 2 ELSE 3 END AS qty
                      FROM bench_order o JOIN SYSTEM_RANGE(1, 3) r(line_no) ON r.line_no <= o.lines) x
                JOIN pkl_standin_product p ON p.product_id = 'BP' || x.product_no""".formatted(s(38)));
        long orders = timed(c, "orders", """
                INSERT INTO pkl_standin_order (order_id, contact_id, organisation_id, ordered_at, currency, gross_amount,
                                               discount_amount, net_amount, is_return, return_of_order_id)
                SELECT o.order_id, o.contact_id, ct.organisation_id, o.ordered_at, 'CZK', t.gross, t.gross - t.net, t.net,
                       0, NULL
                FROM bench_order o
                JOIN (SELECT order_id, SUM(gross_amount) AS gross, SUM(net_amount) AS net
                      FROM pkl_standin_order_line WHERE order_id LIKE 'OBJ-%' GROUP BY order_id) t ON t.order_id = o.order_id
                LEFT JOIN pkl_standin_contact ct ON ct.contact_id = o.contact_id""");
        // 5 % of the orders: the first line comes back 2-14 days later (a credit note of its own).
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE LOCAL TEMPORARY TABLE bench_return AS
                    SELECT 'DOB-' || CAST(2026000000 + ROW_NUMBER() OVER (ORDER BY x.returned_at, x.order_id) AS VARCHAR) AS return_id,
                           x.*
                    FROM (SELECT o.order_id, o.contact_id, DATEADD(SECOND, 172800 + MOD(o.h / 100000, 1036800), o.ordered_at)
                                     AS returned_at
                          FROM bench_order o WHERE MOD(o.h / 10000, 100) < 5) x""");
        }
        lines += timed(c, "return lines", """
                INSERT INTO pkl_standin_order_line (order_id, line_no, product_id, quantity, gross_amount, net_amount)
                SELECT r.return_id, 1, l.product_id, -l.quantity, -l.gross_amount, -l.net_amount
                FROM bench_return r JOIN pkl_standin_order_line l ON l.order_id = r.order_id AND l.line_no = 1""");
        long returns = timed(c, "returns", """
                INSERT INTO pkl_standin_order (order_id, contact_id, organisation_id, ordered_at, currency, gross_amount,
                                               discount_amount, net_amount, is_return, return_of_order_id)
                SELECT r.return_id, r.contact_id, o.organisation_id, r.returned_at, 'CZK', l.gross_amount,
                       l.gross_amount - l.net_amount, l.net_amount, 1, r.order_id
                FROM bench_return r
                JOIN pkl_standin_order o ON o.order_id = r.order_id
                JOIN pkl_standin_order_line l ON l.order_id = r.return_id AND l.line_no = 1""");
        System.out.printf(Locale.ROOT, "  order lines %,d%n", lines);
        return orders + returns;
    }

    // ---- what was made ----

    void summary() throws Exception {
        long start = System.nanoTime();
        try (Database db = Database.embedded(home); Connection c = db.dataSource().getConnection();
             Statement st = c.createStatement()) {
            System.out.println("raw events (type: rows, clean, bot, scanner, prefetch, mpp, too fast):");
            try (ResultSet rs = st.executeQuery("""
                    SELECT event_type, COUNT(*), SUM(CAST(is_clean AS INT)), SUM(CAST(is_bot_ua AS INT)),
                           SUM(CAST(is_security_scanner AS INT)), SUM(CAST(is_prefetch AS INT)),
                           SUM(CAST(is_mpp_suspect AS INT)), SUM(CAST(is_too_fast_after_send AS INT)),
                           MIN(event_time), MAX(event_time)
                    FROM pkl_event GROUP BY event_type ORDER BY event_type""")) {
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "  %-12s %,11d %,11d %,9d %,9d %,9d %,9d %,9d  %s .. %s%n",
                            rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10));
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT recipients, sent, failed, bounced_hard, bounced_soft, delivered, unique_opens_raw,
                           unique_opens_clean, unique_clicks_raw, unique_clicks_clean, unsubscribes
                    FROM pkl_eval_campaign WHERE campaign_id = '%s'""".formatted(campaign))) {
                rs.next();
                System.out.printf(Locale.ROOT, "campaign: %,d recipients, %,d sent, %,d failed, %,d hard + %,d soft bounces,"
                                + " %,d delivered; unique opens %,d raw / %,d clean, unique clicks %,d raw / %,d clean,"
                                + " %,d unsubscribes%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                        rs.getLong(11));
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT (SELECT COUNT(*) FROM pkl_standin_order WHERE is_return = 0),
                           (SELECT COUNT(*) FROM pkl_standin_order WHERE is_return = 1),
                           orders, revenue_net FROM pkl_eval_campaign_revenue WHERE campaign_id = '%s'""".formatted(campaign))) {
                rs.next();
                System.out.printf(Locale.ROOT, "orders in the ERP: %,d (+ %,d returns); attributed to the campaign: %,d,"
                        + " net revenue %s%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4));
            }
        }
        System.out.printf(Locale.ROOT, "(summary queries %.1f s, not part of the load)%n", (System.nanoTime() - start) / 1e9);
    }
}
