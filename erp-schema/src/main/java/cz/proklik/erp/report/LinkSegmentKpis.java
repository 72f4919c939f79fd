package cz.proklik.erp.report;

/**
 * One row of {@code pkl_eval_link_by_segment}: clicks on one link by the contacts of one segment.
 * {@code segmentKind} is a {@link cz.proklik.erp.aggregate.Segment#kind()}; {@code segmentValue} null = not known.
 */
public record LinkSegmentKpis(String campaignId, String linkId, String segmentKind, String segmentValue,
                              long clicksRaw, long clicksClean, long uniqueClicksRaw, long uniqueClicksClean) {
}
