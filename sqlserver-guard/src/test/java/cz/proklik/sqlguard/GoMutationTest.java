package cz.proklik.sqlguard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every GO line of the SQL Server scripts is needed: on a copy of the sql module, each one deleted in turn makes
 * the guard fail. A GO that separates nothing (at the very end of a file) is not counted as required.
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
        for (Path script : pristine.sqlServerScripts()) {
            String original = Files.readString(script, StandardCharsets.UTF_8);
            List<String> lines = List.of(original.split("\n", -1));
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equalsIgnoreCase("GO") || !codeFollows(lines, i)) {
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

        Console.line("GO mutation test: %d GO lines deleted one at a time, %d went unnoticed", mutations,
                survived.size());
        assertThat(mutations).as("GO lines in the SQL Server scripts").isGreaterThanOrEqualTo(30);
        assertThat(survived).as("GO lines whose deletion the guard did not notice").isEmpty();
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
