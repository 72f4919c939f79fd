package cz.proklik.erp.segment;

import java.time.Instant;

/** One row of {@code pkl_segment_member}: the ERP contact and when they qualified. */
public record SegmentMember(String contactId, Instant since) {
}
