package cz.proklik.erp.sqlserver;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a {@link SqlServerSuite} class only where a SQL Server is found. When none is, the class is skipped and
 * one line saying why goes to the process's own stderr: surefire sends test output to files, and a reason that
 * only sits in a report would let a build look green on a path that never ran.
 */
public final class SqlServerAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isPresent()) {
            return ConditionEvaluationResult.enabled("decided for the class");
        }
        return SqlServerTestServer.unavailableReason().map(reason -> {
            String line = "[SQL Server] " + context.getDisplayName() + " SKIPPED: " + reason + " (set "
                    + SqlServerTestServer.URL_ENV + ", " + SqlServerTestServer.USER_ENV + ", "
                    + SqlServerTestServer.PASSWORD_ENV + " or run where Docker is)";
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8).println(line);
            return ConditionEvaluationResult.disabled(reason);
        }).orElseGet(() -> ConditionEvaluationResult.enabled("SQL Server: " + SqlServerTestServer.server().origin()));
    }
}
