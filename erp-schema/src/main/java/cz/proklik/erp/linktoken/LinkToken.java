package cz.proklik.erp.linktoken;

import cz.proklik.erp.db.Ids;

import java.util.Objects;

/**
 * One pre-signed link of {@code pkl_link_token}: what the ERP's keyword {@code keyword} expands to for one recipient
 * of one campaign. {@code kind} is the link's path letter (c, o, u); {@code linkId} is null for o and u.
 */
public record LinkToken(String campaignId, String recipientId, String keyword, char kind, String linkId,
                        String variant, String keyId, String url) {

    /** The keyword of the open pixel: '@' never occurs in a link id, so it cannot collide with a click link's. */
    public static final String OPEN_KEYWORD = "@open";
    /** The keyword of the unsubscribe link. */
    public static final String UNSUBSCRIBE_KEYWORD = "@unsubscribe";

    public LinkToken {
        Ids.requireId("campaign id", campaignId);
        Ids.requireId("recipient id", recipientId);
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(url, "url");
        boolean fits = switch (kind) {
            case 'c' -> Ids.isId(linkId) && keyword.equals(linkId);
            case 'o' -> linkId == null && keyword.equals(OPEN_KEYWORD);
            case 'u' -> linkId == null && keyword.equals(UNSUBSCRIBE_KEYWORD);
            default -> false;
        };
        if (!fits) {
            throw new IllegalArgumentException("keyword " + keyword + " does not fit a link of kind " + kind);
        }
        Ids.requireVariantOrNull(variant);
    }
}
