package cz.proklik.erp.followup;

import cz.proklik.erp.db.Ids;

import java.time.Instant;
import java.util.Objects;

/**
 * "When a recipient [trigger] in campaign C, create a [kind] for owner O with text T". {@code id} is null until
 * stored; {@code removedAt} is set once the rule is removed (its items stay).
 */
public record FollowupRule(Integer id, String campaignId, FollowupTrigger trigger, String linkId, ItemKind kind,
                           String owner, String textTemplate, Instant createdAt, Instant removedAt) {
    public FollowupRule {
        Ids.requireId("campaign id", campaignId);
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(kind, "kind");
        if (trigger.needsLink()) {
            Ids.requireId("link id", linkId);
        } else if (linkId != null) {
            throw new IllegalArgumentException("trigger " + trigger.code() + " takes no link (only clicked_link does)");
        }
        owner = FollowupText.requireOwner(owner);
        FollowupText.requireTemplate(textTemplate);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean active() {
        return removedAt == null;
    }

    /** "clicked_link hero in C1" */
    public String triggerText() {
        return trigger.code() + (linkId == null ? "" : " " + linkId) + " in " + campaignId;
    }
}
