package cz.proklik.mailer.campaign;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which variant a recipient gets, or none (holdout): reproducible from campaign and recipient alone, so a
 * restart, a preview and the real send always agree, and independent between campaigns (docs/mailer.md):
 * bucket = first 8 bytes of SHA-256("proklik-ab-1" LF campaign LF recipient) as an unsigned number mod 10,000.
 * Buckets below holdout% × 100 are the holdout; the rest are split over the variants in their order by share.
 */
public final class VariantAssignment {
    public static final int BUCKETS = 10_000;

    private final String campaignId;
    private final int holdoutBuckets;
    private final Map<String, BigDecimal> shares;

    /** @param shares variant to share in percent, in order; must add up to 100 (or be empty: no split) */
    public VariantAssignment(String campaignId, BigDecimal holdoutPct, Map<String, BigDecimal> shares) {
        this.campaignId = campaignId;
        this.holdoutBuckets = holdoutPct.multiply(BigDecimal.valueOf(100)).intValue();
        this.shares = new LinkedHashMap<>(shares);
        if (!shares.isEmpty()) {
            BigDecimal total = shares.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            if (total.compareTo(BigDecimal.valueOf(100)) != 0) {
                throw new IllegalArgumentException("variant shares must add up to 100 %, not " + total);
            }
        }
    }

    public static int bucket(String campaignId, String recipientId) {
        return bucket("proklik-ab-1", campaignId, recipientId);
    }

    /** First 8 bytes of SHA-256(salt LF campaign LF recipient), unsigned, mod 10,000 (also the A/B test group's). */
    public static int bucket(String salt, String campaignId, String recipientId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((salt + "\n" + campaignId + "\n" + recipientId)
                    .getBytes(StandardCharsets.UTF_8));
            return (int) Long.remainderUnsigned(ByteBuffer.wrap(h, 0, 8).getLong(), BUCKETS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empty for the holdout group; "" when the campaign has no variants. */
    public Optional<String> variantOf(String recipientId) {
        int b = bucket(campaignId, recipientId);
        if (b < holdoutBuckets) {
            return Optional.empty();
        }
        if (shares.isEmpty()) {
            return Optional.of("");
        }
        // Position within the mailed buckets, 0 <= x < 1, compared with cumulative shares.
        double x = (double) (b - holdoutBuckets) / (BUCKETS - holdoutBuckets);
        double cumulative = 0;
        String last = null;
        for (Map.Entry<String, BigDecimal> e : shares.entrySet()) {
            cumulative += e.getValue().doubleValue() / 100;
            last = e.getKey();
            if (x < cumulative) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.of(last);
    }

    public List<String> variants() {
        return List.copyOf(shares.keySet());
    }
}
