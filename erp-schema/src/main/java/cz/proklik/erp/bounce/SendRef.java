package cz.proklik.erp.bounce;

import cz.proklik.erp.db.Ids;

import java.util.Objects;

/** The send a bounce or complaint belongs to: its row id, campaign, recipient and the address it went to. */
public record SendRef(long sendId, String campaignId, String recipientId, String email) {
    public SendRef {
        Ids.requireId("campaign id", campaignId);
        Ids.requireId("recipient id", recipientId);
        Objects.requireNonNull(email, "email");
    }
}
