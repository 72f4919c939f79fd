package cz.proklik.bounces.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decides the reason of one failed recipient from its enhanced status code, SMTP reply code and diagnostic text.
 * The rules are data ({@code text-rules.txt}, {@code status-codes.txt} beside this class): the text first, because
 * a receiving server's words are more specific than its code (Microsoft answers 5.1.10 for an unknown user, many
 * servers send 5.0.0 for everything), then the code. A 5xx reply alone is never hard: it only says the server
 * will not take the message, and a block against the sender looks the same.
 */
public final class Classifier {

    private record TextRule(Reason reason, Pattern pattern, int line) {
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final List<TextRule> textRules;
    private final Map<String, Reason> codes;

    private Classifier(List<TextRule> textRules, Map<String, Reason> codes) {
        this.textRules = List.copyOf(textRules);
        this.codes = Map.copyOf(codes);
    }

    /** The rules shipped with Proklik. */
    public static Classifier standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final Classifier STANDARD = load();
    }

    private static Classifier load() {
        List<TextRule> rules = new ArrayList<>();
        readRules("text-rules.txt", (fields, line) -> rules.add(new TextRule(Reason.valueOf(fields[0]),
                Pattern.compile(fields[1], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), line)));
        Map<String, Reason> codes = new HashMap<>();
        readRules("status-codes.txt", (fields, line) -> codes.put(fields[0], Reason.valueOf(fields[1])));
        return new Classifier(rules, codes);
    }

    private interface RuleSink {
        void accept(String[] fields, int line);
    }

    private static void readRules(String name, RuleSink sink) {
        try (InputStream in = Objects.requireNonNull(Classifier.class.getResourceAsStream(name), name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", 2);
                if (fields.length != 2) {
                    throw new IllegalStateException(name + ":" + no + ": expected REASON<TAB>VALUE");
                }
                sink.accept(fields, no);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param status    enhanced status code (RFC 3463, "5.1.1"), or null
     * @param replyCode SMTP reply code ("550"), or null
     * @param text      the diagnostic (SMTP reply text, the MTA's explanation), or null
     */
    public Verdict classify(String status, String replyCode, String text) {
        Verdict verdict = decide(status, replyCode, text);
        boolean temporary = status != null ? status.startsWith("4") : replyCode != null && replyCode.startsWith("4");
        if (temporary && verdict.kind() == Kind.HARD) {
            // "450 4.1.1 unverified address": the server could not check the address now, it did not deny it.
            return new Verdict(Reason.TEMPORARY, verdict.decidedBy() + ",4xx");
        }
        return verdict;
    }

    private Verdict decide(String status, String replyCode, String text) {
        Reason byCode = status == null ? null : byStatus(status);
        if (text != null && !text.isBlank()) {
            String normal = SPACES.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
            for (TextRule rule : textRules) {
                if (rule.pattern().matcher(normal).find()) {
                    // "Try again later" says less than a specific code like 4.2.2 mailbox full.
                    if (rule.reason() == Reason.TEMPORARY && byCode != null && byCode != Reason.UNDETERMINED) {
                        break;
                    }
                    return new Verdict(rule.reason(), "text:" + rule.line());
                }
            }
        }
        if (byCode != null) {
            return new Verdict(byCode, "status:" + status);
        }
        if (replyCode != null && replyCode.startsWith("4")) {
            return new Verdict(Reason.TEMPORARY, "reply:" + replyCode);
        }
        return new Verdict(Reason.UNDETERMINED, replyCode == null ? "none" : "reply:" + replyCode);
    }

    private Reason byStatus(String status) {
        String[] p = status.split("\\.");
        if (p.length != 3) {
            return null;
        }
        Reason r = codes.get(status);
        if (r == null) {
            r = codes.get(p[0] + "." + p[1] + ".*");
        }
        if (r == null) {
            r = codes.get(p[0] + ".*.*");
        }
        return r;
    }
}
