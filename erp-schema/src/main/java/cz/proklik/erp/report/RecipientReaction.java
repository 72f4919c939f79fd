package cz.proklik.erp.report;

import cz.proklik.erp.send.BounceKind;
import cz.proklik.erp.send.SendStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;

/**
 * One row of {@code pkl_eval_recipient}: the proof that a recipient reacted to a campaign. Send fields are null
 * for a recipient without a send row; times are null when there was no such event; {@code linksClicked*} count
 * distinct links; orders and revenue are those attributed to this campaign.
 */
public record RecipientReaction(String campaignId, String recipientId, String email, String variant,
                                SendStatus sendStatus, Instant sentAt, boolean bounced, BounceKind bounceKind,
                                Instant bouncedAt,
                                long opensRaw, long opensClean, Instant firstOpenRaw, Instant lastOpenRaw,
                                Instant firstOpenClean, Instant lastOpenClean,
                                long clicksRaw, long clicksClean, Instant firstClickRaw, Instant lastClickRaw,
                                Instant firstClickClean, Instant lastClickClean,
                                long linksClickedRaw, long linksClickedClean,
                                boolean unsubscribed, Instant unsubscribedAt,
                                long orders, BigDecimal revenueGross, BigDecimal revenueNet) {

    /**
     * Who clicked most, then who opened: whom a marketer follows up first (buyers are listed with their orders).
     * Matches the index ix_pkl_agg_recipient_top, so the top of this order can be read without a sort.
     */
    public static final Comparator<RecipientReaction> MOST_ACTIVE_FIRST =
            Comparator.comparingLong(RecipientReaction::clicksClean).reversed()
                    .thenComparing(Comparator.comparingLong(RecipientReaction::clicksRaw).reversed())
                    .thenComparing(Comparator.comparingLong(RecipientReaction::opensClean).reversed())
                    .thenComparing(RecipientReaction::recipientId);

    /** Opened, clicked, unsubscribed or ordered: a row of the report's recipient list. */
    public boolean reacted() {
        return opensRaw > 0 || clicksRaw > 0 || unsubscribed || orders > 0;
    }
}
