package cz.proklik.sqlguard;

import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;
import org.flywaydb.database.sqlserver.SQLServerParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script exactly as a Flyway migration on SQL Server would: with Flyway's own {@link SQLServerParser},
 * which cuts only on {@code GO} lines, so each returned batch is what SQL Server compiles at once.
 */
final class SqlServerBatches {

    /** One batch: its first line in the file and its text as sent. */
    record Batch(int line, String sql) {
    }

    private SqlServerBatches() {
    }

    static List<Batch> split(String script) {
        SQLServerParser parser = new SQLServerParser(new ClassicConfiguration(), new ParsingContext());
        List<Batch> batches = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(script))) {
            while (it.hasNext()) {
                SqlStatement statement = it.next();
                batches.add(new Batch(statement.getLineNumber(), statement.getSql()));
            }
        }
        return batches;
    }
}
