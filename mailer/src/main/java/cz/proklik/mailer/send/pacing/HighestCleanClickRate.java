package cz.proklik.mailer.send.pacing;

import cz.proklik.erp.report.VariantKpis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The default winner rule: the highest clean unique click rate (unique clean clicks / delivered, the views'
 * {@code ctr_clean}: bots, scanners, pre-fetch and Apple MPP do not count), compared exactly (no rounding); a tie
 * goes to the earlier variant. When any variant has fewer than {@code minDelivered} delivered, no rate is
 * trusted: the first variant wins as the fallback, said so.
 */
public final class HighestCleanClickRate implements WinnerRule {
    private final int minDelivered;

    public HighestCleanClickRate(int minDelivered) {
        this.minDelivered = minDelivered;
    }

    @Override
    public WinnerChoice choose(List<String> variants, List<VariantKpis> results) {
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("an A/B test needs variants");
        }
        Map<String, VariantKpis> byVariant = results.stream().filter(r -> r.variant() != null)
                .collect(Collectors.toMap(VariantKpis::variant, Function.identity(), (a, b) -> a));
        for (String v : variants) {
            long delivered = delivered(byVariant.get(v));
            if (delivered < Math.max(1, minDelivered)) {
                return new WinnerChoice(variants.get(0), String.format(Locale.ROOT,
                        "too small a sample: variant %s has %d delivered (at least %d needed), so the first variant"
                                + " %s", v, delivered, Math.max(1, minDelivered), variants.get(0)), true);
            }
        }
        String best = variants.get(0);
        for (String v : variants.subList(1, variants.size())) {
            // clicks(v) / delivered(v) > clicks(best) / delivered(best), without division
            if (clicks(byVariant.get(v)) * delivered(byVariant.get(best))
                    > clicks(byVariant.get(best)) * delivered(byVariant.get(v))) {
                best = v;
            }
        }
        StringBuilder reason = new StringBuilder("highest clean unique click rate:");
        for (String v : variants) {
            VariantKpis k = byVariant.get(v);
            reason.append(String.format(Locale.ROOT, " %s %.2f %% (%d of %d)%s", v,
                    100.0 * clicks(k) / delivered(k), clicks(k), delivered(k), v.equals(best) ? " wins" : ""));
        }
        return new WinnerChoice(best, reason.toString(), false);
    }

    private static long delivered(VariantKpis k) {
        return k == null ? 0 : k.kpis().delivered();
    }

    private static long clicks(VariantKpis k) {
        return k == null ? 0 : k.kpis().uniqueClicksClean();
    }
}
