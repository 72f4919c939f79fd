package cz.proklik.sqlguard;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code sqlcmd ... -i FILE} the scripts and docs tell an installer to type passes {@code -I}: classic sqlcmd
 * runs with QUOTED_IDENTIFIER OFF, and a view over an indexed view or a computed column needs it ON (docs/schema.md,
 * "sqlcmd"). The Helios scripts' headers and docs/install-sqlserver.md once disagreed on it.
 */
class SqlcmdInvocationTest {

    private static final Pattern INVOCATION = Pattern.compile("\\bsqlcmd\\b([^`\\n]*?)\\s-i\\s");

    @Test
    void everySqlcmdThatRunsAScriptTurnsQuotedIdentifiersOn() throws IOException {
        Path root = Project.root();
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("sql/helios-green", "sql/helios-orange", "dist/src/service", "docs")) {
            try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
                walk.filter(p -> p.toString().endsWith(".sql") || p.toString().endsWith(".md")).forEach(files::add);
            }
        }
        files.add(root.resolve("README.md"));

        List<String> invocations = new ArrayList<>();
        List<String> withoutQuotedIdentifier = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = INVOCATION.matcher(lines.get(i));
                while (m.find()) {
                    String where = root.relativize(file) + ":" + (i + 1);
                    invocations.add(where);
                    if (!m.group(1).matches(".*\\s-I(\\s.*)?")) {
                        withoutQuotedIdentifier.add(where + ": " + lines.get(i).strip());
                    }
                }
            }
        }

        // Both Helios script headers, the install guide's two lines and the Agent job's header.
        assertThat(invocations).hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(w -> w.startsWith("sql/helios-green/adapter-views.sql"))
                .anyMatch(w -> w.startsWith("sql/helios-orange/adapter-views.sql"))
                .anyMatch(w -> w.startsWith("docs/install-sqlserver.md"));
        assertThat(withoutQuotedIdentifier).isEmpty();
    }
}
