package cz.proklik.mailer.render;

import cz.proklik.erp.mailing.ErpProduct;
import cz.proklik.mailer.links.UtmParameters;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.link.LinkCodec;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one campaign's renders share: ids, UTM, products shown, the greeting switch, the codecs that sign links.
 * {@code autologin} may be null when no template version uses {@code {{autologin_url}}}; {@code viewUrl} may be
 * null when none uses {@code {{view_url}}}.
 */
public record RenderSettings(String campaignId, String campaignName, UtmParameters utm, boolean personalGreeting,
                             List<ErpProduct> products, String linkBaseUrl, LinkCodec links,
                             AutologinCodec autologin, Duration autologinValidity, String viewUrl, Clock clock) {
    public RenderSettings {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(utm, "utm");
        Objects.requireNonNull(links, "links");
        products = List.copyOf(products);
        clock = clock == null ? Clock.systemUTC() : clock;
        autologinValidity = autologinValidity == null ? Duration.ofDays(14) : autologinValidity;
    }

    /** The same settings showing other products (a trigger occurrence's own, docs/triggers.md). */
    public RenderSettings withProducts(List<ErpProduct> shown) {
        return new RenderSettings(campaignId, campaignName, utm, personalGreeting, shown, linkBaseUrl, links, autologin,
                autologinValidity, viewUrl, clock);
    }
}
