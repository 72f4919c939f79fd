package cz.proklik.erp.check;

import java.util.List;

/** Every line of one {@code db check} run, in the order the checks ran. */
public record CheckReport(List<CheckResult> results) {
    public CheckReport {
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a check report has at least one line");
        }
    }

    public CheckStatus worst() {
        return results.stream().map(CheckResult::status).reduce(CheckStatus.OK, CheckStatus::worse);
    }

    public long count(CheckStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }
}
