-- Proklik, schema version 2.4: unsubscribes are counted per campaign and variant like sends (pkl_agg_unsubscribe,
-- kept by UnsubscribeDao with every new opt-out), so the campaign and variant views no longer join every
-- unsubscriber to the sends and the aggregates on each query (bench/RESULTS.md: most of the campaign view's time at
-- a million recipients). AggregateMaintainer.rebuild() recounts it from pkl_unsubscribe.

-- Plug-in: Proklik (click statistics). Opt-outs per campaign and A/B variant (pkl_send.variant, else the variant of
-- the recipient's folded events, N'' = none; taken when the opt-out is recorded, recomputed by a rebuild).
CREATE TABLE pkl_agg_unsubscribe (
    campaign_id    NVARCHAR(64)  NOT NULL,
    variant        NVARCHAR(16)  NOT NULL,
    unsubscribes   INT           NOT NULL,
    CONSTRAINT pk_pkl_agg_unsubscribe PRIMARY KEY (campaign_id, variant)
);

INSERT INTO pkl_agg_unsubscribe (campaign_id, variant, unsubscribes)
SELECT u.campaign_id, COALESCE(s.variant, r.variant, N''), COUNT(*)
FROM pkl_unsubscribe u
LEFT JOIN pkl_send s ON s.campaign_id = u.campaign_id AND s.recipient_id = u.recipient_id
LEFT JOIN pkl_agg_recipient r ON r.campaign_id = u.campaign_id AND r.recipient_id = u.recipient_id
GROUP BY u.campaign_id, COALESCE(s.variant, r.variant, N'');

