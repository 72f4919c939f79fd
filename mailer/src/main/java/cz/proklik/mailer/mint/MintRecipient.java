package cz.proklik.mailer.mint;

import cz.proklik.erp.db.Ids;

/** A recipient to mint links for, with the A/B variant its links carry (null = the campaign has no split). */
public record MintRecipient(String recipientId, String variant) {
    public MintRecipient {
        Ids.requireId("recipient id", recipientId);
        Ids.requireVariantOrNull(variant);
    }
}
