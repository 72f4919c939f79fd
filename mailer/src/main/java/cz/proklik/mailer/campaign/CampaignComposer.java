package cz.proklik.mailer.campaign;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignVariant;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.erp.mailing.ErpProduct;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.StoredTemplateVersion;
import cz.proklik.erp.mailing.card.CampaignCard;
import cz.proklik.mailer.links.UtmParameters;
import cz.proklik.mailer.render.CompiledTemplate;
import cz.proklik.mailer.render.MailRenderer;
import cz.proklik.mailer.render.RenderException;
import cz.proklik.mailer.render.RenderSettings;
import cz.proklik.mailer.render.RenderedMail;
import cz.proklik.mailer.render.TemplateCompiler;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.link.LinkCodec;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Everything one campaign needs to make any recipient's mail: the card, its campaign row and variants, the
 * templates compiled once per version, the products. {@link #compose} gives the exact mail a recipient gets, or
 * empty for the holdout group. Thread-safe.
 */
public final class CampaignComposer {
    /** Where the signed links point and how they are signed. */
    public record Signing(String linkBaseUrl, LinkCodec links, AutologinCodec autologin, Duration autologinValidity,
                          String viewUrl, Clock clock) {
    }

    /** More renderers for occurrences' own products than this are not kept (each product set compiles its own). */
    private static final int MAX_PRODUCT_SETS = 256;

    private final CampaignCard card;
    private final Map<String, StoredTemplate> templates;
    private final VariantAssignment assignment;
    private final MailRenderer renderer;
    private final Map<String, CompiledTemplate> compiled;
    /** A delivery's own products (a trigger occurrence's), empty for the card's; null when no delivery has any. */
    private final Function<Long, Optional<List<ErpProduct>>> productsOfDelivery;
    private final Map<List<ErpProduct>, MailRenderer> byProducts = new ConcurrentHashMap<>();

    /**
     * @param templates by id: the card's template and every variant's
     * @param products  the ERP's products by id; a product on the card that is missing is an error
     */
    public CampaignComposer(Campaign campaign, CampaignCard card, List<CampaignVariant> variants,
                            Map<String, StoredTemplate> templates, Map<String, ErpProduct> products, Signing signing) {
        this.card = card;
        this.templates = Map.copyOf(templates);
        this.compiled = new ConcurrentHashMap<>();
        this.productsOfDelivery = null;
        List<ErpProduct> shown = new ArrayList<>();
        for (String id : card.productIds()) {
            ErpProduct p = products.get(id);
            if (p == null) {
                throw new RenderException("campaign " + card.campaignId() + ": product " + id
                        + " is not in the ERP (pkl_erp_product)");
            }
            shown.add(p);
        }
        Map<String, BigDecimal> shares = new LinkedHashMap<>();
        for (CampaignVariant v : variants) {
            shares.put(v.variant(), v.sharePct() == null ? BigDecimal.ZERO : v.sharePct());
        }
        this.assignment = new VariantAssignment(card.campaignId(), card.holdoutPct(), shares);
        String medium = campaign.utmMedium() == null ? "newsletter" : campaign.utmMedium();
        this.renderer = new MailRenderer(new RenderSettings(campaign.id(), campaign.name(),
                new UtmParameters(medium, campaign.utmCampaign()), card.personalGreeting(), shown,
                signing.linkBaseUrl(), signing.links(), signing.autologin(), signing.autologinValidity(),
                signing.viewUrl(), signing.clock()));
    }

    private CampaignComposer(CampaignComposer base, Function<Long, Optional<List<ErpProduct>>> productsOfDelivery) {
        this.card = base.card;
        this.templates = base.templates;
        this.assignment = base.assignment;
        this.renderer = base.renderer;
        this.compiled = base.compiled;
        this.productsOfDelivery = productsOfDelivery;
    }

    /**
     * This composer, with each delivery's mail showing the products {@code productsOfDelivery} gives for it in
     * {@code {{#products}}} (a trigger occurrence's: the pre-ordered product, the cart's items), through the same
     * keywords, escaping and tracked links as a card's products; a delivery it gives empty for shows the card's.
     */
    public CampaignComposer withProductsOfDelivery(Function<Long, Optional<List<ErpProduct>>> productsOfDelivery) {
        return new CampaignComposer(this, productsOfDelivery);
    }

    public VariantAssignment assignment() {
        return assignment;
    }

    public CampaignCard card() {
        return card;
    }

    /** The recipient's mail, or empty when the recipient is in the holdout group. */
    public Optional<RenderedMail> compose(ErpContact contact) {
        Optional<String> variant = assignment.variantOf(contact.id());
        if (variant.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(compose(contact, variant.get()));
    }

    /** The mail of one variant ("" without a split) for a contact, whatever its assignment (test messages). */
    public RenderedMail compose(ErpContact contact, String variant) {
        String templateId = card.variantTemplates().getOrDefault(variant, card.templateId());
        return renderer.render(version(templateId, contact.language()), contact, variant);
    }

    /** The mail of one queued delivery: its own products when it has any (see {@link #withProductsOfDelivery}). */
    public RenderedMail compose(ErpContact contact, String variant, long deliveryId) {
        Optional<List<ErpProduct>> own = productsOfDelivery == null ? Optional.empty()
                : productsOfDelivery.apply(deliveryId);
        if (own.isEmpty()) {
            return compose(contact, variant);
        }
        String templateId = card.variantTemplates().getOrDefault(variant, card.templateId());
        return rendererShowing(own.get()).render(version(templateId, contact.language()), contact, variant);
    }

    private MailRenderer rendererShowing(List<ErpProduct> products) {
        List<ErpProduct> key = List.copyOf(products);
        MailRenderer r = byProducts.get(key);
        if (r == null) {
            r = new MailRenderer(renderer.settings().withProducts(key));
            if (byProducts.size() < MAX_PRODUCT_SETS) {
                byProducts.putIfAbsent(key, r);
            }
        }
        return r;
    }

    /** The version for the contact's language at the card's shop, else the template's default language there. */
    CompiledTemplate version(String templateId, String language) {
        StoredTemplate t = templates.get(templateId);
        if (t == null) {
            throw new RenderException("campaign " + card.campaignId() + ": template " + templateId + " is missing");
        }
        String shop = card.shop() == null ? t.defaultShop() : card.shop();
        Function<String, Optional<StoredTemplateVersion>> at = lang -> t.versions().stream()
                .filter(v -> v.language().equals(lang) && v.shop().equals(shop)).findFirst();
        StoredTemplateVersion v = at.apply(language == null ? t.defaultLanguage() : language)
                .or(() -> at.apply(t.defaultLanguage()))
                .orElseThrow(() -> new RenderException("template " + templateId + " has no version for shop " + shop
                        + " in " + language + " or " + t.defaultLanguage()));
        return compiled.computeIfAbsent(templateId + "\n" + v.language() + "\n" + v.shop(),
                k -> TemplateCompiler.compile(t, v));
    }
}
