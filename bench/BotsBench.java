import cz.proklik.importer.enrich.BotList;
import cz.proklik.importer.enrich.Classification;
import cz.proklik.importer.enrich.EventClassifier;
import cz.proklik.importer.enrich.UserAgentClassifier;
import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The share of labelled bots and of real browsers that the import's classification flags (bench/bots.sh builds the
 * corpora). Every agent goes through EventClassifier exactly as the import does, as a GET click from an ordinary
 * address (no scanner or MPP range applies), and the share is of events with any per-event flag. Baselines in the
 * same run: Yauaa alone (rules version 1), each list alone, and Yauaa with isbot but without Matomo's list (what the
 * third source adds where isbot yields).
 * Usage: java -cp app/target/proklik.jar bench/BotsBench.java bots.tsv browsers.tsv [matomo.tsv]
 * (matomo.tsv: verdict<TAB>agent lines of Matomo device-detector's own code, 1 = bot, to check the Java matching)
 */
public class BotsBench {
    private static final String ADDRESS = "203.0.113.7";
    /**
     * A run of spaces and tabs: Undertow 2.4's HTTP/1.1 parser keeps only its first character and trims both ends of
     * a header value (redirect-web's UserAgentWhitespaceTest pins it); the click log then writes a tab as U+FFFD.
     */
    private static final Pattern UNDERTOW_WHITESPACE = Pattern.compile("([ \\t])[ \\t]+");
    /** The kind of a bot, read from its corpus description (first match wins). */
    private static final Map<String, Pattern> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("mail/image proxy", Pattern.compile("(?i)image proxy|mail proxy|email|e-mail"));
        KINDS.put("link preview", Pattern.compile("(?i)preview|unfurl|link expan|embed|messag|chat app"));
        KINDS.put("monitor/synthetic check", Pattern.compile("(?i)monitor|uptime|availab|synthetic|performance|speed|lighthouse|status"));
        KINDS.put("security checker", Pattern.compile("(?i)secur|vulnerab|scan|malware|phish|threat|pentest"));
        KINDS.put("automation/AI agent", Pattern.compile("(?i)headless|automat|selenium|playwright|puppeteer|\\bAI\\b|LLM|GPT|assistant|agent"));
        KINDS.put("SEO tool", Pattern.compile("(?i)\\bSEO\\b|backlink|rank|keyword"));
        KINDS.put("feed reader", Pattern.compile("(?i)\\bRSS\\b|feed|podcast|news"));
        KINDS.put("scraper/library", Pattern.compile("(?i)scrap|library|http client|command.line|download|fetch"));
        KINDS.put("search/crawler", Pattern.compile("(?i)search|crawl|spider|index|bot"));
    }

    /** One labelled agent: its source, its label there (a bot's description) and its traffic weight, if any. */
    record Corpus(String source, String label, String agent, double weight) {
    }

    public static void main(String[] args) throws Exception {
        List<Corpus> bots = read(Path.of(args[0]), false);
        List<Corpus> browsers = read(Path.of(args[1]), true);
        UserAgentClassifier yauaa = new UserAgentClassifier(100_000);
        BotList isbot = BotList.isbot();
        BotList matomo = BotList.matomo();
        BotList none = BotList.of(List.of("(?!)"), "none");
        EventClassifier v3 = new EventClassifier(yauaa, isbot, matomo, List.of(), List.of());
        EventClassifier yauaaOnly = new EventClassifier(yauaa, none, none, List.of(), List.of());
        EventClassifier withoutMatomo = new EventClassifier(yauaa, isbot, none, List.of(), List.of());

        System.out.printf("bots: %d distinct agents; browsers: %d distinct agents%n", bots.size(), browsers.size());
        System.out.println();
        System.out.println("| classifier | bots flagged | share | browsers flagged | share | traffic-weighted share |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        row("Yauaa alone (rules v1, baseline)", bots, browsers, ua -> !classify(yauaaOnly, ua).clean());
        row("isbot " + isbot.version() + " alone (baseline)", bots, browsers, isbot::matches);
        row("Matomo's list (" + matomo.version() + ") alone (baseline)", bots, browsers, matomo::matches);
        row("Yauaa + isbot, without Matomo's list", bots, browsers, ua -> !classify(withoutMatomo, ua).clean());
        row("**Proklik rules v" + EventClassifier.RULES_VERSION + " (import's EventClassifier)**", bots, browsers,
                ua -> !classify(v3, ua).clean());

        System.out.println();
        System.out.println("By source (Proklik rules v3; the upper bound is the exact one-sided 95 % binomial bound):");
        System.out.println();
        System.out.println("| corpus | source | agents | flagged | share | 95 % upper bound |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        bySource("bots", bots, ua -> !classify(v3, ua).clean());
        bySource("browsers", browsers, ua -> !classify(v3, ua).clean());

        System.out.println();
        System.out.println("Bots the v3 rules miss, by kind (from the corpus description):");
        Map<String, List<String>> misses = new TreeMap<>();
        for (Corpus c : bots) {
            if (classify(v3, c.agent()).clean()) {
                misses.computeIfAbsent(kind(c.label()), k -> new ArrayList<>())
                        .add(c.agent() + "  [" + c.source() + ": " + c.label() + "]");
            }
        }
        for (Map.Entry<String, List<String>> kind : misses.entrySet()) {
            System.out.printf("- %s: %d%n", kind.getKey(), kind.getValue().size());
            kind.getValue().stream().limit(40).forEach(a -> System.out.println("    " + a));
        }
        System.out.println();
        System.out.println("Browsers the v3 rules flag (false positives), with the flag, Yauaa's fields and what each"
                + " list matched:");
        for (Corpus c : browsers) {
            Classification f = classify(v3, c.agent());
            if (!f.clean()) {
                System.out.printf("- %s [%s: %s; Yauaa %s/%s/%s; isbot %s; Matomo %s] weight %.6f%n", c.agent(),
                        c.source(), flags(f), f.userAgent().agentClass(), f.userAgent().agentName(),
                        f.userAgent().deviceClass(), isbot.matchingPattern(c.agent()),
                        matomo.matchingPattern(c.agent()), c.weight());
            }
        }
        System.out.println();
        System.out.println("Agents with runs of whitespace, a tab, or a space at either end: the verdict on the agent as");
        System.out.println("sent against the one on what is logged (each run its first character, ends trimmed, tab U+FFFD):");
        long spaced = 0;
        long differ = 0;
        List<Corpus> all = new ArrayList<>(bots);
        all.addAll(browsers);
        for (Corpus c : all) {
            String asParsed = UNDERTOW_WHITESPACE.matcher(c.agent()).replaceAll("$1").replaceAll("^[ \\t]|[ \\t]$", "")
                    .replace('\t', '\uFFFD');
            if (!asParsed.equals(c.agent())) {
                spaced++;
                String raw = flags(classify(v3, c.agent()));
                String parsed = flags(classify(v3, asParsed));
                if (!raw.equals(parsed)) {
                    differ++;
                    System.out.printf("- %s [%s]: as sent %s, as parsed %s%n", c.agent(), c.source(), raw, parsed);
                }
            }
        }
        System.out.printf("whitespace: %d agents changed by the parser, %d with a different verdict%n", spaced, differ);
        if (args.length > 2) {
            System.out.println();
            long checked = 0;
            long mismatched = 0;
            for (String line : Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] cells = line.split("\t", 2);
                checked++;
                if ("1".equals(cells[0]) != matomo.matches(cells[1])) {
                    mismatched++;
                    System.out.printf("- Matomo's list: device-detector says %s, the Java matching %s: %s%n",
                            cells[0].equals("1") ? "bot" : "no bot", matomo.matches(cells[1]) ? "bot" : "no bot",
                            cells[1]);
                }
            }
            System.out.printf("Matomo's list in Java vs node-device-detector's parseBot: %d agents, %d differ%n",
                    checked, mismatched);
        }
        System.out.println();
        System.out.println("Mail proxies (as Matomo's list names them) in the bot corpus: open pixel vs click (the"
                + " proxy's open stays clean):");
        BotList mailProxies = matomo.mailProxies();
        for (Corpus c : bots) {
            if (mailProxies.matches(c.agent())) {
                Classification open = v3.classify(event(EventType.OPEN, c.agent()));
                Classification click = classify(v3, c.agent());
                System.out.printf("- %s: open %s, click %s%n", c.agent(), flags(open), flags(click));
            }
        }
    }

    private static void bySource(String corpus, List<Corpus> agents, Function<String, Boolean> flagged) {
        Map<String, List<Corpus>> sources = new LinkedHashMap<>();
        agents.forEach(c -> sources.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c));
        sources.put("all", agents);
        sources.forEach((source, list) -> {
            long n = list.stream().filter(c -> flagged.apply(c.agent())).count();
            System.out.printf("| %s | %s | %d | %d | %.2f %% | %.2f %% |%n", corpus, source, list.size(), n,
                    100.0 * n / list.size(), 100.0 * upperBound(n, list.size()));
        });
    }

    /**
     * The exact (Clopper-Pearson) one-sided 95 % upper bound of a share when {@code k} of {@code n} were seen: the
     * share at which seeing {@code k} or fewer has a chance of 5 %. For k = 0 it is about 3 / n.
     */
    static double upperBound(long k, long n) {
        if (k >= n) {
            return 1;
        }
        double lo = (double) k / n;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double p = (lo + hi) / 2;
            if (atMost(k, n, p) > 0.05) {
                lo = p;
            } else {
                hi = p;
            }
        }
        return hi;
    }

    /** P(X <= k) for X ~ Binomial(n, p), summed in log space (n is thousands). */
    private static double atMost(long k, long n, double p) {
        double sum = 0;
        double logTerm = n * Math.log1p(-p); // P(X = 0)
        for (long i = 0; i <= k; i++) {
            sum += Math.exp(logTerm);
            logTerm += Math.log((double) (n - i) / (i + 1)) + Math.log(p) - Math.log1p(-p);
        }
        return sum;
    }

    private static void row(String name, List<Corpus> bots, List<Corpus> browsers, Function<String, Boolean> flagged) {
        long b = bots.stream().filter(c -> flagged.apply(c.agent())).count();
        long p = browsers.stream().filter(c -> flagged.apply(c.agent())).count();
        double weight = browsers.stream().mapToDouble(Corpus::weight).sum();
        double flaggedWeight = browsers.stream().filter(c -> flagged.apply(c.agent())).mapToDouble(Corpus::weight).sum();
        System.out.printf("| %s | %d / %d | %.2f %% | %d / %d | %.2f %% | %.3f %% |%n", name, b, bots.size(),
                100.0 * b / bots.size(), p, browsers.size(), 100.0 * p / browsers.size(),
                weight == 0 ? 0 : 100.0 * flaggedWeight / weight);
    }

    private static Classification classify(EventClassifier classifier, String agent) {
        return classifier.classify(event(EventType.CLICK, agent));
    }

    private static TrackingEvent event(EventType type, String agent) {
        boolean click = type == EventType.CLICK;
        return new TrackingEvent(EventIds.next(), Instant.now(), type, "GET", "C1", "R1", click ? "hero" : "", "",
                click ? "https://shop.example.com/" : "", "k1", "", ADDRESS, agent, "bench", "");
    }

    private static String flags(Classification f) {
        List<String> out = new ArrayList<>();
        if (f.botUserAgent()) out.add("bot");
        if (f.securityScanner()) out.add("scanner");
        if (f.prefetch()) out.add("prefetch");
        if (f.mppSuspect()) out.add("mpp");
        return out.isEmpty() ? "clean" : String.join("+", out);
    }

    private static String kind(String description) {
        for (Map.Entry<String, Pattern> k : KINDS.entrySet()) {
            if (k.getValue().matcher(description).find()) {
                return k.getKey();
            }
        }
        return "other";
    }

    private static List<Corpus> read(Path file, boolean weighted) throws Exception {
        List<Corpus> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", 3);
            out.add(weighted ? new Corpus(cells[0], cells[0], cells[2], Double.parseDouble(cells[1]))
                    : new Corpus(cells[0], cells[1], cells[2], 0));
        }
        return out;
    }
}
