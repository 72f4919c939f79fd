import cz.proklik.bounces.classify.Classifier;
import cz.proklik.bounces.classify.Verdict;
import cz.proklik.bounces.parse.BounceParser;
import cz.proklik.bounces.parse.FailedRecipient;
import cz.proklik.bounces.parse.ParsedMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Agreement of Proklik's verdicts with sisimai's on a collection of real bounce messages.
 * Args: DATA_DIR SISIMAI_TSV (file, address, reason, softbounce, status per recipient, from sisimai-verdicts.pl)
 * [FLUFL_TSV] (file, address or "-", "temporary" or "permanent": the addresses flufl.bounce's own tests expect).
 * Prints per-recipient disagreements, a confusion table of kinds and the RESULT line; with FLUFL_TSV also which
 * recipients each message names against flufl.bounce's expectation (a wrong recipient would be suppressed). Recipients of a "delayed"
 * report (a warning, the server still retries) are counted apart: sisimai calls them soft bounces, Proklik a notice.
 */
public class BounceAgreement {
    static final Set<String> NEVER_HARD = Set.of("mailboxfull", "blocked", "policyviolation", "spamdetected",
            "rejected", "securityerror", "norelaying", "toomanyconn", "systemfull", "contenterror", "virusdetected",
            "exceedlimit", "mesgtoobig");

    static String referenceKind(String reason, String soft) {
        return switch (reason) {
            case "feedback" -> "complaint";
            case "vacation" -> "auto_reply";
            case "delivered" -> "none";
            default -> soft.equals("0") ? "hard" : soft.equals("1") ? "soft" : "undecided";
        };
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Map<String, List<String[]>> reference = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            String[] f = line.split("\t");
            reference.computeIfAbsent(Path.of(f[0]).getFileName().toString(), k -> new ArrayList<>()).add(f);
        }
        Map<String, Set<String>> expectedRecipients = new TreeMap<>();
        Set<String> warnings = new java.util.HashSet<>();
        if (args.length > 2) {
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                String[] f = line.split("\t");
                Set<String> set = expectedRecipients.computeIfAbsent(f[0], k -> new java.util.TreeSet<>());
                if (!f[1].equals("-")) {
                    set.add(f[1].toLowerCase(Locale.ROOT));
                }
                if (f[2].equals("temporary")) {
                    warnings.add(f[0]);
                }
            }
        }
        // sisimai's "filtered" (a rejection after DATA, by its provider rules) is counted apart as well: its texts
        // say "no such user", which the definition calls hard (docs/bounces.md, "Accuracy").
        int judgedUnfiltered = 0, sameUnfiltered = 0;
        int sameSet = 0, setFiles = 0, notExpected = 0, notFound = 0;
        BounceParser parser = new BounceParser();
        Classifier classifier = Classifier.standard();
        Map<String, Integer> confusion = new TreeMap<>();
        int judged = 0, same = 0, undecided = 0, extra = 0, neverHardViolations = 0, delayed = 0;
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".txt") || p.toString().endsWith(".eml")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            ParsedMessage parsed = parser.parse(Files.readAllBytes(file));
            Map<String, String> ours = new TreeMap<>();
            if (parsed instanceof ParsedMessage.Bounce b) {
                for (FailedRecipient r : b.recipients()) {
                    Verdict v = classifier.classify(r.status(), r.replyCode(), r.diagnostic());
                    ours.put(r.address().toLowerCase(Locale.ROOT), v.kind().code() + "/" + v.reason().code());
                }
            } else if (parsed instanceof ParsedMessage.Complaint c) {
                c.recipients().forEach(a -> ours.put(a.toLowerCase(Locale.ROOT), "complaint/complaint"));
            } else if (parsed instanceof ParsedMessage.AutoReply a) {
                ours.put(a.address().toLowerCase(Locale.ROOT), "auto_reply/auto_reply");
            }
            Set<String> expected = expectedRecipients.get(name);
            if (expected != null && !warnings.contains(name)) {
                // Only failures: flufl.bounce's "temporary" files are delay warnings, which Proklik leaves alone.
                Set<String> named = new java.util.TreeSet<>(ours.keySet());
                setFiles++;
                if (named.equals(expected)) {
                    sameSet++;
                } else {
                    for (String a : named) {
                        if (!expected.contains(a)) {
                            notExpected++;
                            System.out.printf("RECIPIENT-NOT-EXPECTED %s %s ours=%s flufl=%s%n", name, a, ours.get(a),
                                    expected);
                        }
                    }
                    for (String a : expected) {
                        if (!named.contains(a)) {
                            notFound++;
                            System.out.printf("RECIPIENT-NOT-FOUND %s %s (%s)%n", name, a,
                                    parsed.getClass().getSimpleName());
                        }
                    }
                }
            }
            for (String[] ref : reference.getOrDefault(name, List.of())) {
                String kind = referenceKind(ref[2], ref[3]);
                String mine = ours.remove(ref[1]);
                String mineKind = mine == null ? "missed" : mine.substring(0, mine.indexOf('/'));
                if (kind.equals("none")) {
                    continue;
                }
                // flufl.bounce's tests mark the plain-text delay warnings ("temporary") that sisimai gives no action.
                boolean warning = ref.length > 5 && ref[5].equals("delayed") || warnings.contains(name);
                if (warning && !mineKind.equals("hard")) {
                    // RFC 3464 "delayed": the server is still trying. sisimai counts it as a soft bounce; Proklik
                    // waits for the final report (a failed one, or none), so sent - bounced stays right.
                    delayed++;
                    confusion.merge("delayed(" + kind + ") -> " + (mine == null ? "notice" : mineKind), 1,
                            Integer::sum);
                    continue;
                }
                if (kind.equals("undecided")) {
                    undecided++;
                    System.out.printf("UNDECIDED-BY-REFERENCE %s %s sisimai=%s ours=%s%n", name, ref[1], ref[2], mine);
                    continue;
                }
                judged++;
                boolean filtered = ref[2].equals("filtered");
                if (!filtered) {
                    judgedUnfiltered++;
                }
                confusion.merge(kind + " -> " + mineKind, 1, Integer::sum);
                if (kind.equals(mineKind)) {
                    same++;
                    if (!filtered) {
                        sameUnfiltered++;
                    }
                } else {
                    System.out.printf("DIFFERS %s %s sisimai=%s/%s(%s) ours=%s%n", name, ref[1], kind, ref[2], ref[4],
                            mine == null ? "missed (" + parsed.getClass().getSimpleName() + ")" : mine);
                }
                if (NEVER_HARD.contains(ref[2]) && "hard".equals(mineKind)) {
                    neverHardViolations++;
                    System.out.printf("NEVER-HARD-VIOLATION %s %s sisimai=%s ours=%s%n", name, ref[1], ref[2], mine);
                }
            }
            for (Map.Entry<String, String> e : ours.entrySet()) {
                extra++;
                System.out.printf("ONLY-OURS %s %s ours=%s%n", name, e.getKey(), e.getValue());
            }
        }
        System.out.println();
        System.out.println("sisimai kind -> Proklik kind: recipients");
        confusion.forEach((k, v) -> System.out.printf("  %-26s %d%n", k, v));
        System.out.printf(Locale.ROOT, "RESULT files=%d judged=%d same=%d agreement=%.1f%% undecided_by_reference=%d "
                        + "delayed_apart=%d only_ours=%d never_hard_violations=%d%n", files.size(), judged, same,
                judged == 0 ? 0.0 : 100.0 * same / judged, undecided, delayed, extra, neverHardViolations);
        System.out.printf(Locale.ROOT, "RESULT without sisimai's filtered: judged=%d same=%d agreement=%.1f%%%n",
                judgedUnfiltered, sameUnfiltered,
                judgedUnfiltered == 0 ? 0.0 : 100.0 * sameUnfiltered / judgedUnfiltered);
        if (setFiles > 0) {
            System.out.printf(Locale.ROOT, "RECIPIENTS vs flufl.bounce: files=%d same_recipients=%d (%.1f%%)"
                            + " named_not_expected=%d expected_not_named=%d%n", setFiles, sameSet,
                    100.0 * sameSet / setFiles, notExpected, notFound);
        }
    }
}
