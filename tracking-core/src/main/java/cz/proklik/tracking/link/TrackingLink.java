package cz.proklik.tracking.link;

import java.util.Objects;

/**
 * Everything one click, open or unsubscribe needs, carried inside the link itself so that the redirect page
 * looks nothing up. The constructor enforces the field rules of docs/link-format.md.
 */
public record TrackingLink(LinkKind kind, String campaign, String recipient, String link, String variant,
                           String target) {

    public TrackingLink {
        Objects.requireNonNull(kind, "kind");
        link = link == null ? "" : link;
        variant = variant == null ? "" : variant;
        target = target == null ? "" : target;
        if (!LinkFieldRules.isId(campaign)) {
            throw new IllegalArgumentException("campaign must be 1-64 of [A-Za-z0-9._:-]: " + campaign);
        }
        if (!LinkFieldRules.isId(recipient)) {
            throw new IllegalArgumentException("recipient must be 1-64 of [A-Za-z0-9._:-]: " + recipient);
        }
        if (kind == LinkKind.CLICK ? !LinkFieldRules.isId(link) : !LinkFieldRules.isOptionalId(link)) {
            throw new IllegalArgumentException("link must be 1-64 of [A-Za-z0-9._:-] (required for a click): " + link);
        }
        if (!LinkFieldRules.isVariant(variant)) {
            throw new IllegalArgumentException("variant must be 0-16 of [A-Za-z0-9._:-]: " + variant);
        }
        if (kind == LinkKind.CLICK && !LinkFieldRules.isTarget(target)) {
            throw new IllegalArgumentException("target must be an absolute http(s) URL with a host: " + target);
        }
        if (kind != LinkKind.CLICK && !target.isEmpty()) {
            throw new IllegalArgumentException("only a click link has a target");
        }
    }

    /** A click link to {@code target} in its ASCII form ({@link TargetUrls#normalise}): what is signed is what is sent. */
    public static TrackingLink click(String campaign, String recipient, String link, String variant, String target) {
        return new TrackingLink(LinkKind.CLICK, campaign, recipient, link, variant, TargetUrls.normalise(target));
    }

    public static TrackingLink open(String campaign, String recipient, String variant) {
        return new TrackingLink(LinkKind.OPEN, campaign, recipient, "", variant, "");
    }

    public static TrackingLink unsubscribe(String campaign, String recipient, String variant) {
        return new TrackingLink(LinkKind.UNSUBSCRIBE, campaign, recipient, "", variant, "");
    }
}
