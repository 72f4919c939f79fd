package cz.proklik.erp.aggregate;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every recipient's send time, read once for the rebuild's scan: the hours since the send count from it. Joining
 * each raw event to its {@code pkl_send} row instead costs a B-tree lookup per event, and on H2, once the sends no
 * longer fit the page cache, a page read and decoded per event (issue 18). Per campaign the recipient ids sorted, with
 * their times beside them, about 64 bytes a send.
 */
final class SendTimes {
    private final Map<String, Campaign> campaigns = new HashMap<>();

    private record Campaign(String[] recipients, long[] sentAt) {
    }

    private SendTimes() {
    }

    /** The send times of every send that has one (a send without: the campaign's time counts, as in the SQL). */
    static SendTimes read(JdbcTemplate jdbc) {
        SendTimes times = new SendTimes();
        List<String> recipients = new ArrayList<>();
        long[][] sentAt = {new long[1024]};
        String[] campaign = {null};
        jdbc.query(AggregateSql.SEND_TIMES, rs -> {
            String c = rs.getString(1);
            if (!c.equals(campaign[0])) {
                times.add(campaign[0], recipients, sentAt[0]);
                campaign[0] = c;
            }
            if (recipients.size() == sentAt[0].length) {
                sentAt[0] = Arrays.copyOf(sentAt[0], sentAt[0].length * 2);
            }
            sentAt[0][recipients.size()] = FoldDelta.millis(rs.getObject(3, LocalDateTime.class));
            recipients.add(rs.getString(2));
        });
        times.add(campaign[0], recipients, sentAt[0]);
        return times;
    }

    private void add(String campaign, List<String> recipients, long[] sentAt) {
        if (campaign == null) {
            return;
        }
        String[] ids = recipients.toArray(String[]::new);
        long[] at = Arrays.copyOf(sentAt, ids.length);
        if (!sorted(ids)) {
            // The engine's order of the ids may not be Java's (a collation): sort them the way lookups compare.
            Integer[] order = new Integer[ids.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> ids[a].compareTo(ids[b]));
            String[] sortedIds = new String[ids.length];
            long[] sortedAt = new long[ids.length];
            for (int i = 0; i < order.length; i++) {
                sortedIds[i] = ids[order[i]];
                sortedAt[i] = at[order[i]];
            }
            campaigns.put(campaign, new Campaign(sortedIds, sortedAt));
        } else {
            campaigns.put(campaign, new Campaign(ids, at));
        }
        recipients.clear();
    }

    private static boolean sorted(String[] ids) {
        for (int i = 1; i < ids.length; i++) {
            if (ids[i - 1].compareTo(ids[i]) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The recipient's send time in epoch milliseconds, else {@code otherwise}. */
    long sentAt(String campaign, String recipient, long otherwise) {
        Campaign c = campaigns.get(campaign);
        if (c == null) {
            return otherwise;
        }
        int i = Arrays.binarySearch(c.recipients(), recipient);
        return i >= 0 ? c.sentAt()[i] : otherwise;
    }
}
