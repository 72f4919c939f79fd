package cz.proklik.importer.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A published bot list of user-agent patterns, vendored on the class path, refreshed from the registry by its
 * update script and never edited by hand, and matched exactly as its upstream matches it. Two lists (docs/flags.md):
 * <ul>
 * <li><a href="https://github.com/omrilotan/isbot">isbot</a> (npm, Unlicense), {@code isbot/patterns.txt}, from
 * {@code import-job/update-isbot.sh}: the patterns joined into one case-insensitive expression, searched anywhere in
 * the agent;</li>
 * <li>the bot list of <a href="https://github.com/matomo-org/device-detector">Matomo's device-detector</a> (LGPL-3.0
 * or later; from the npm port node-device-detector), {@code matomo-bots/bots.tsv}, from {@code
 * import-job/update-matomo-bots.sh}: each regex behind device-detector's own prefix (the start, or a character that
 * cannot continue a name), case-insensitive, searched anywhere; each entry names its bot and category.</li>
 * </ul>
 * Verdicts are cached, since a campaign's events share a few thousand agents.
 */
public final class BotList {
    private static final String ISBOT = "/isbot/patterns.txt";
    private static final String ISBOT_VERSION = "/isbot/VERSION";
    private static final String MATOMO = "/matomo-bots/bots.tsv";
    private static final String MATOMO_VERSION = "/matomo-bots/VERSION";
    /**
     * device-detector's base expression around every regex of its lists ({@code AbstractParser::matchUserAgent}): a
     * name starts at the beginning or after a character that cannot be part of it, so {@code Bot} does not match
     * inside {@code Robotics}.
     */
    private static final String MATOMO_PREFIX = "(?:^|[^A-Z0-9_-]|[^A-Z0-9-]_|sprd-|MZ-)";
    private static final int CACHE_LIMIT = 50_000;
    /** How Matomo's list names a mail provider's image proxy: "Gmail Image Proxy", "UkrNet Mail Proxy", ... */
    private static final Pattern MAIL_PROXY_NAME = Pattern.compile("(?i)mail.*proxy");
    /** An expression that matches nothing: a sub-list without entries. */
    private static final String NOTHING = "(?!)";

    /**
     * One entry: its regex as the list has it, its pattern as matched, the bot's name (empty in isbot, which names
     * none) and what names it in a diagnosis (the pattern, or the bot's name and category).
     */
    private record Entry(String regex, Pattern pattern, String name, String label) {
    }

    private final List<Entry> entries;
    private final UnaryOperator<String> wrap;
    private final Pattern combined;
    private final String version;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

    /** A list of isbot-style patterns (tests, and the benchmark's baselines). */
    public static BotList of(List<String> patterns, String version) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("an empty bot list");
        }
        return new BotList(patterns.stream().map(p -> entry(p, "", p, UnaryOperator.identity())).toList(),
                UnaryOperator.identity(), version);
    }

    private static Entry entry(String regex, String name, String label, UnaryOperator<String> wrap) {
        return new Entry(regex, Pattern.compile(wrap.apply(regex), Pattern.CASE_INSENSITIVE), name, label);
    }

    private BotList(List<Entry> entries, UnaryOperator<String> wrap, String version) {
        this.entries = List.copyOf(entries);
        this.wrap = wrap;
        String all = entries.isEmpty() ? NOTHING
                : wrap.apply(String.join("|", entries.stream().map(Entry::regex).toList()));
        this.combined = Pattern.compile(all, Pattern.CASE_INSENSITIVE);
        this.version = version;
    }

    /** The vendored isbot list on the class path. */
    public static BotList isbot() {
        return of(lines(ISBOT), String.join("", lines(ISBOT_VERSION)));
    }

    /** The vendored bot list of Matomo's device-detector on the class path. */
    public static BotList matomo() {
        UnaryOperator<String> wrap = regex -> MATOMO_PREFIX + "(?:" + regex + ")";
        List<Entry> entries = new ArrayList<>();
        for (String line : lines(MATOMO)) {
            String[] cells = line.split("\t", -1);
            if (cells.length != 3) {
                throw new IllegalStateException("not regex<TAB>name<TAB>category in " + MATOMO + ": " + line);
            }
            // device-detector's own normalisation of a regex before it compiles it ("++" is PCRE's possessive form)
            entries.add(entry(cells[0].replace("++", "+"), cells[1],
                    cells[1] + (cells[2].isEmpty() ? "" : " (" + cells[2] + ")"), wrap));
        }
        return new BotList(entries, wrap, String.join("", lines(MATOMO_VERSION)));
    }

    /**
     * The entries the list names as a mail provider's image proxy (Matomo's: Gmail, Yahoo, Seznam, UkrNet, Rambler),
     * matched as the list matches them; a list that names no bot (isbot) gives one that matches nothing.
     */
    public BotList mailProxies() {
        return new BotList(entries.stream().filter(e -> MAIL_PROXY_NAME.matcher(e.name()).find()).toList(), wrap,
                version);
    }

    /** Whether the list finds a non-empty agent (isbot's {@code isbot()}, device-detector's {@code isBot()}). */
    public boolean matches(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return false;
        }
        Boolean known = cache.get(userAgent);
        if (known != null) {
            return known;
        }
        boolean bot = combined.matcher(userAgent).find();
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear(); // a crude bound; a new import run refills the few thousand agents it needs
        }
        cache.put(userAgent, bot);
        return bot;
    }

    /**
     * The first entry that finds the agent, for diagnosis: isbot's pattern ({@code isbotPattern}), or the bot's name
     * and category in Matomo's list; null if none.
     */
    public String matchingPattern(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return null;
        }
        for (Entry e : entries) {
            if (e.pattern().matcher(userAgent).find()) {
                return e.label();
            }
        }
        return null;
    }

    /** The release the vendored list comes from. */
    public String version() {
        return version;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = BotList.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing on the class path: " + resource);
            }
            List<String> out = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
