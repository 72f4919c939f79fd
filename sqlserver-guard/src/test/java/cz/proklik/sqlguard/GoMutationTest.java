package cz.proklik.sqlguard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every GO line SQL Server needs makes the guard fail when deleted: on a copy of the sql module, each one is
 * deleted in turn. A GO that separates nothing (end of file) or batches SQL Server would also run as one (two
 * ALTER TABLEs that do not use each other's columns) is not required and left alone.
 */
class GoMutationTest {

    @TempDir
    Path copy;

    @Test
    void deletingAnyRequiredGoLineMakesTheGuardFail() throws IOException {
        copyTree(Project.sqlModule(), copy);
        ScriptGuard pristine = new ScriptGuard(copy);
        assertThat(pristine.check()).isEmpty();

        List<String> survived = new ArrayList<>();
        int mutations = 0;
        int optional = 0;
        for (Path script : pristine.sqlServerScripts()) {
            String original = Files.readString(script, StandardCharsets.UTF_8);
            List<String> lines = List.of(original.split("\n", -1));
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equalsIgnoreCase("GO") || !codeFollows(lines, i)) {
                    continue;
                }
                if (!required(lines, i)) {
                    optional++;
                    continue;
                }
                List<String> mutated = new ArrayList<>(lines);
                mutated.remove(i);
                Files.writeString(script, String.join("\n", mutated), StandardCharsets.UTF_8);
                mutations++;
                if (new ScriptGuard(copy).check().isEmpty()) {
                    survived.add(copy.relativize(script) + ":" + (i + 1));
                }
            }
            Files.writeString(script, original, StandardCharsets.UTF_8);
        }

        Console.line("GO mutation test: %d required GO lines deleted one at a time, %d went unnoticed; %d GO lines"
                + " SQL Server does not need were left alone", mutations, survived.size(), optional);
        assertThat(mutations).as("GO lines in the SQL Server scripts").isGreaterThanOrEqualTo(30);
        assertThat(survived).as("GO lines whose deletion the guard did not notice").isEmpty();
    }

    /**
     * A GO SQL Server needs, judged from the text on its two sides only: the batch after it starts with a module
     * definition (CREATE [OR ALTER] VIEW ...), the batch before it is one (a view must be alone), or the batch before
     * adds a column the batch after names.
     */
    private static boolean required(List<String> lines, int go) {
        String before = SqlText.code(String.join("\n", lines.subList(previousGo(lines, go) + 1, go)));
        String after = SqlText.code(String.join("\n", lines.subList(go + 1, nextGo(lines, go))));
        if (MODULE_START.matcher(after).find() || MODULE_START.matcher(before).find()) {
            return true;
        }
        Matcher add = ADD.matcher(before);
        while (add.find()) {
            if (Pattern.compile("\\b" + Pattern.quote(add.group(1)) + "\\b", Pattern.CASE_INSENSITIVE).matcher(after)
                    .find()) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern MODULE_START = Pattern.compile(
            "^\\s*CREATE\\s+(OR\\s+ALTER\\s+)?(VIEW|PROCEDURE|PROC|FUNCTION|TRIGGER|SCHEMA)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD = Pattern.compile(
            "\\bALTER\\s+TABLE\\s+\\S+\\s+ADD\\s+(?!CONSTRAINT\\b)(\\w+)", Pattern.CASE_INSENSITIVE);

    private static int previousGo(List<String> lines, int go) {
        for (int j = go - 1; j >= 0; j--) {
            if (lines.get(j).strip().equalsIgnoreCase("GO")) {
                return j;
            }
        }
        return -1;
    }

    private static int nextGo(List<String> lines, int go) {
        for (int j = go + 1; j < lines.size(); j++) {
            if (lines.get(j).strip().equalsIgnoreCase("GO")) {
                return j;
            }
        }
        return lines.size();
    }

    private static boolean codeFollows(List<String> lines, int go) {
        for (int j = go + 1; j < lines.size(); j++) {
            String l = lines.get(j).strip();
            if (!l.isEmpty() && !l.startsWith("--")) {
                return true;
            }
        }
        return false;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.filter(p -> !p.toString().contains("/target")).sorted(Comparator.naturalOrder())
                    .toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
