package cz.proklik.erp.mailing.list;

import java.time.Instant;
import java.util.List;

/** A saved list: its criteria (kind criteria) or nothing more (kind imported: the members are stored). */
public record MailList(String id, String name, Kind kind, String sourceName, Instant createdAt,
                       List<Criterion> criteria) {
    public enum Kind { CRITERIA, IMPORTED }

    public MailList {
        criteria = List.copyOf(criteria);
    }
}
