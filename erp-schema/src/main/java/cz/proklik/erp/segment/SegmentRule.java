package cz.proklik.erp.segment;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The reaction a saved segment selects on; each is one fixed branch of the view {@code pkl_segment_member} (schema
 * 9.0). Opens and clicks count only when clean (no bot, scanner, pre-fetch, MPP or too-fast flag).
 */
public enum SegmentRule {
    /** a clean click on one element of the e-mail (needs a link id) */
    CLICKED_LINK(true),
    /** a clean click on any link */
    CLICKED_ANY(false),
    /** a clean open and no clean click */
    OPENED_NOT_CLICKED(false),
    /** an order attributed to the campaign (post-click, docs/evaluation.md) */
    ORDERED(false),
    /** delivered (send status sent), and neither a clean open nor a clean click */
    NOT_OPENED(false),
    /** opted out of this campaign */
    UNSUBSCRIBED(false);

    private final boolean needsLink;

    SegmentRule(boolean needsLink) {
        this.needsLink = needsLink;
    }

    public boolean needsLink() {
        return needsLink;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SegmentRule fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown segment rule '" + code + "' (known: "
                        + Arrays.stream(values()).map(SegmentRule::code).collect(Collectors.joining(", ")) + ")"));
    }
}
