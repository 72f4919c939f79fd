package cz.proklik.erp.segment;

import cz.proklik.erp.db.Ids;

import java.time.Instant;
import java.util.Objects;

/** A reaction segment saved by name: one campaign, one rule, the link for {@link SegmentRule#CLICKED_LINK}. */
public record SavedSegment(String id, String campaignId, SegmentRule rule, String linkId, String description,
                           Instant createdAt) {
    public SavedSegment {
        Ids.requireId("segment name", id);
        Ids.requireId("campaign id", campaignId);
        Objects.requireNonNull(rule, "rule");
        if (rule.needsLink()) {
            Ids.requireId("link id", linkId);
        } else if (linkId != null) {
            throw new IllegalArgumentException("rule " + rule.code() + " takes no link (only clicked_link does)");
        }
        if (description != null && description.length() > 400) {
            throw new IllegalArgumentException("description: at most 400 characters");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** "clicked_link hero in C1" */
    public String ruleText() {
        return rule.code() + (linkId == null ? "" : " " + linkId) + " in " + campaignId;
    }
}
