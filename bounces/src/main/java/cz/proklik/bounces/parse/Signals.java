package cz.proklik.bounces.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** The recognition data of the parser ({@code signals.txt}, {@code formats.txt} beside this class). */
final class Signals {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE;

    final Pattern bounceFrom;
    final Pattern bounceSubject;
    final Pattern autoReplySubject;
    final Pattern originalMarker;
    final Pattern bouncePhrase;
    final Pattern delayWarning;
    final Pattern finalFailure;
    final Map<String, Pattern> formats;

    static final Signals STANDARD = new Signals();

    private Signals() {
        Map<String, Pattern> s = new LinkedHashMap<>();
        for (String[] f : read("signals.txt")) {
            s.put(f[0], Pattern.compile(f[1], FLAGS));
        }
        bounceFrom = s.get("BOUNCE_FROM");
        bounceSubject = s.get("BOUNCE_SUBJECT");
        autoReplySubject = s.get("AUTO_REPLY_SUBJECT");
        originalMarker = s.get("ORIGINAL_MARKER");
        bouncePhrase = s.get("BOUNCE_PHRASE");
        delayWarning = s.get("DELAY_WARNING");
        finalFailure = s.get("FINAL_FAILURE");
        Map<String, Pattern> f = new LinkedHashMap<>();
        for (String[] line : read("formats.txt")) {
            f.put(line[0], Pattern.compile(line[1], FLAGS));
        }
        formats = Collections.unmodifiableMap(f);
    }

    String format(String text, String fallback) {
        for (Map.Entry<String, Pattern> e : formats.entrySet()) {
            if (e.getValue().matcher(text).find()) {
                return e.getKey();
            }
        }
        return fallback;
    }

    private static List<String[]> read(String name) {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(Signals.class.getResourceAsStream(name), name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] f = line.split("\t", 2);
                    if (f.length != 2) {
                        throw new IllegalStateException(name + ": expected NAME<TAB>PATTERN: " + line);
                    }
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
