package cz.proklik.erp.check;

import java.util.List;

/**
 * One aspect of the configured database that {@code db check} looks at. A check only reads; it returns one or more
 * lines and may throw: {@link DatabaseChecks} turns an exception into a FAIL line of that check.
 */
public interface DatabaseCheck {
    /** The key printed on the check's lines (and on the FAIL line if it throws). */
    String name();

    List<CheckResult> run(CheckContext context);
}
