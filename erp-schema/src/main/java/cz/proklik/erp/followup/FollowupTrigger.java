package cz.proklik.erp.followup;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What makes a rule create a follow-up item; each has one fixed query in {@link FollowupDao}. Only clean reactions
 * count: clicks through the clean-click aggregates, orders through their attribution to a clean click, opt-outs and
 * responses through {@code pkl_event.is_clean}.
 */
public enum FollowupTrigger {
    /** a clean click on one element of the e-mail (needs a link id) */
    CLICKED_LINK(true),
    /** a clean click on any link */
    CLICKED_ANY(false),
    /** an order attributed to the campaign (post-click) */
    ORDERED(false),
    /** a clean unsubscribe event of the campaign */
    UNSUBSCRIBED(false),
    /** a response tracked elsewhere, imported as a {@code response} event */
    RESPONDED(false);

    private final boolean needsLink;

    FollowupTrigger(boolean needsLink) {
        this.needsLink = needsLink;
    }

    public boolean needsLink() {
        return needsLink;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FollowupTrigger fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown trigger '" + code + "' (known: "
                        + Arrays.stream(values()).map(FollowupTrigger::code).collect(Collectors.joining(", ")) + ")"));
    }
}
