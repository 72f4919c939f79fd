package cz.proklik.erp.check;

import java.util.Objects;

/**
 * One line of {@code proklik db check}: which aspect ({@code check}, a short stable key such as {@code engine} or
 * {@code adapter pkl_erp_contact}), its status, what was found, and what to do about it.
 *
 * @param advice what the installer or DBA should do; required for WARN and FAIL, may be empty for OK
 */
public record CheckResult(String check, CheckStatus status, String finding, String advice) {
    public CheckResult {
        Objects.requireNonNull(status, "status");
        if (check == null || check.isBlank()) {
            throw new IllegalArgumentException("check name is empty");
        }
        if (finding == null || finding.isBlank()) {
            throw new IllegalArgumentException("finding of " + check + " is empty");
        }
        advice = advice == null ? "" : advice;
        if (status != CheckStatus.OK && advice.isBlank()) {
            throw new IllegalArgumentException(status + " of " + check + " says nothing about what to do");
        }
    }

    public static CheckResult ok(String check, String finding) {
        return new CheckResult(check, CheckStatus.OK, finding, "");
    }

    public static CheckResult ok(String check, String finding, String note) {
        return new CheckResult(check, CheckStatus.OK, finding, note);
    }

    public static CheckResult warn(String check, String finding, String advice) {
        return new CheckResult(check, CheckStatus.WARN, finding, advice);
    }

    public static CheckResult fail(String check, String finding, String advice) {
        return new CheckResult(check, CheckStatus.FAIL, finding, advice);
    }
}
