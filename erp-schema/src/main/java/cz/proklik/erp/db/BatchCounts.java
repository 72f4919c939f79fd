package cz.proklik.erp.db;

import java.sql.Statement;

/** What a JDBC batch's update counts add up to. */
public final class BatchCounts {

    private BatchCounts() {
    }

    /**
     * The rows a batch changed: the sum of its update counts, where a driver's "no information" ({@link
     * Statement#SUCCESS_NO_INFO}, -2) counts as none - callers that must tell it apart check for it themselves.
     */
    public static int rowsChanged(int[] counts) {
        int changed = 0;
        for (int c : counts) {
            changed += Math.max(c, 0);
        }
        return changed;
    }
}
