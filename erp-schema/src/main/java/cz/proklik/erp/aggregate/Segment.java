package cz.proklik.erp.aggregate;

import java.util.Arrays;

/**
 * The contact attributes a campaign's link clicks are broken down by ({@code pkl_agg_link_segment.segment_kind},
 * {@code pkl_eval_link_by_segment}). The value is the contact's at the time of the fold, N'' (shown as unknown) when
 * the contact or the attribute is not known.
 */
public enum Segment {
    REGION("region", "LEFT(c.region, 100)", ""),
    LANGUAGE("language", "LEFT(c.language_code, 100)", ""),
    ORGANISATION_CATEGORY("organisation_category", "LEFT(o.category, 100)",
            "LEFT JOIN pkl_erp_organisation o ON o.organisation_id = c.organisation_id");

    /**
     * The values of every kind, after the recipient id in the order of {@link #values()}, of the recipients who
     * clicked among the counted events matching {@code filter}: one join with the contact view per fold (a Helios
     * view's text key cannot be sought by an IN list, see docs/schema.md), a recipient the ERP does not know with
     * N'' for each.
     */
    static String valuesOfClickers(String filter) {
        return "SELECT d.recipient_id, " + String.join(", ", Arrays.stream(values()).map(Segment::valueSql).toList())
                + " FROM (SELECT DISTINCT e.recipient_id FROM pkl_event e WHERE " + filter + " AND "
                + AggregateSql.COUNTED + " AND e.event_type = 'click') d "
                + "LEFT JOIN pkl_erp_contact c ON c.contact_id = d.recipient_id "
                + String.join(" ", Arrays.stream(values()).map(s -> s.extraJoin).toList());
    }

    private final String kind;
    private final String valueSql;
    private final String extraJoin;

    Segment(String kind, String value, String extraJoin) {
        this.kind = kind;
        this.valueSql = "COALESCE(" + value + ", N'')";
        this.extraJoin = extraJoin;
    }

    /** The code stored in {@code segment_kind}, e.g. {@code organisation_category}. */
    public String kind() {
        return kind;
    }

    /** The segment whose {@link #kind()} this is. */
    public static Segment ofKind(String kind) {
        return Arrays.stream(values()).filter(s -> s.kind.equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no such segment kind: " + kind));
    }

    /** The segment value of contact c (joined by {@link #joins}) as SQL. */
    String valueSql() {
        return valueSql;
    }

    /** Joins contact c (and what the value needs) to rows aliased {@code rows} with a recipient_id. */
    String joins(String rows) {
        return "LEFT JOIN pkl_erp_contact c ON c.contact_id = " + rows + ".recipient_id " + extraJoin;
    }
}
