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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The published bot list <a href="https://github.com/omrilotan/isbot">isbot</a> (npm, Unlicense), vendored as its
 * pattern list in {@code isbot/patterns.txt} and refreshed from the registry by {@code import-job/update-isbot.sh};
 * never edited by hand. Matching is isbot's own: the patterns joined into one case-insensitive regular expression,
 * searched anywhere in the user agent. Verdicts are cached, since a campaign's events share a few thousand agents.
 */
public final class BotList {
    private static final String RESOURCE = "/isbot/patterns.txt";
    private static final String VERSION_RESOURCE = "/isbot/VERSION";
    private static final int CACHE_LIMIT = 50_000;

    private final List<Pattern> patterns;
    private final Pattern combined;
    private final String version;
    private final Map<String, Boolean> cache = new ConcurrentHashMap<>();

    /** A list of isbot-style patterns (tests, and the benchmark's baselines). */
    public static BotList of(List<String> patterns, String version) {
        return new BotList(patterns, version);
    }

    private BotList(List<String> patterns, String version) {
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("an empty bot list");
        }
        this.patterns = patterns.stream().map(p -> Pattern.compile(p, Pattern.CASE_INSENSITIVE)).toList();
        this.combined = Pattern.compile(String.join("|", patterns), Pattern.CASE_INSENSITIVE);
        this.version = version;
    }

    /** The vendored isbot list on the class path. */
    public static BotList isbot() {
        return new BotList(lines(RESOURCE), String.join("", lines(VERSION_RESOURCE)));
    }

    /** isbot's {@code isbot()}: a non-empty agent that one of the patterns finds. */
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
     * Whether the list finds the agent, and only within {@code [from, to)} (one part of it): then the list judged
     * that part alone. False when it finds nothing, or anything outside.
     */
    public boolean matchesOnlyWithin(String userAgent, int from, int to) {
        Matcher m = combined.matcher(userAgent);
        boolean found = false;
        while (m.find()) {
            if (m.start() < from || m.end() > to) {
                return false;
            }
            found = true;
        }
        return found;
    }

    /** The first pattern that finds the agent (isbot's {@code isbotPattern}), for diagnosis; null if none. */
    public String matchingPattern(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return null;
        }
        for (Pattern p : patterns) {
            if (p.matcher(userAgent).find()) {
                return p.pattern();
            }
        }
        return null;
    }

    /** The isbot release the vendored list comes from. */
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
