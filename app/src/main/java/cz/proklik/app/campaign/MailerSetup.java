package cz.proklik.app.campaign;

import cz.proklik.app.cli.UsageException;
import cz.proklik.app.config.ProklikConfig;
import cz.proklik.app.keys.KeyRingSource;
import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.mailing.StoredTemplate;
import cz.proklik.erp.mailing.TemplateDao;
import cz.proklik.erp.mailing.card.CampaignCard;
import cz.proklik.erp.mailing.card.CampaignCardDao;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.send.TestMessages;
import cz.proklik.tracking.autologin.AutologinCodec;
import cz.proklik.tracking.link.KeyRing;
import cz.proklik.tracking.link.LinkCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Builds a campaign's composer from the configuration and the database (keys, base URL, card, templates); also for
 * a trigger's campaign, whose card is not stored ({@code triggers run}).
 */
public final class MailerSetup {
    static final String AUTOLOGIN_ENV = "PROKLIK_AUTOLOGIN_KEYS";

    private MailerSetup() {
    }

    static CampaignComposer composer(ProklikConfig config, Database db, String campaignId) throws IOException {
        return composer(config, db, campaignId, false);
    }

    /** @param test a composer for {@code campaign test}: links for the marker campaign and recipient */
    static CampaignComposer composer(ProklikConfig config, Database db, String campaignId, boolean test)
            throws IOException {
        Campaign found = new CampaignDao(db.dataSource()).find(campaignId)
                .orElseThrow(() -> new UsageException("no campaign " + campaignId));
        Campaign campaign = test ? TestMessages.markerCampaign(found) : found;
        CampaignCard card = new CampaignCardDao(db.dataSource()).find(campaignId)
                .orElseThrow(() -> new UsageException("campaign " + campaignId
                        + " has no mailer card (it was registered with 'campaigns add'); create one with 'campaign create'"));
        return composer(config, db, campaign, card);
    }

    /** The composer of a campaign with the card given (a trigger's, made from the trigger). */
    public static CampaignComposer composer(ProklikConfig config, Database db, Campaign campaign, CampaignCard card)
            throws IOException {
        TemplateDao templates = new TemplateDao(db.dataSource());
        Map<String, StoredTemplate> byId = new HashMap<>();
        for (String id : new LinkedHashSet<>(concat(card.templateId(), card.variantTemplates().values()))) {
            byId.put(id, templates.find(id).orElseThrow(() -> new UsageException("no template " + id)));
        }
        String viewUrl = config.get("proklik.mailer.view-url");
        CampaignComposer.Signing signing = new CampaignComposer.Signing(config.get("proklik.link.base-url"),
                new LinkCodec(linkRing(config)), new AutologinCodec(autologinRing(config)),
                Duration.ofDays(Integer.parseInt(config.get("proklik.mailer.autologin-valid-days"))),
                viewUrl.isEmpty() ? null : viewUrl, Clock.systemUTC());
        return new CampaignComposer(campaign, card, new CampaignDao(db.dataSource()).variants(card.campaignId()), byId,
                new ErpContactDao(db.dataSource()).products(card.productIds()), signing);
    }

    public static KeyRing linkRing(ProklikConfig config) throws IOException {
        return new KeyRingSource(config).loadOrCreate();
    }

    private static List<String> concat(String first, Collection<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** PROKLIK_AUTOLOGIN_KEYS, else the file; a first run gets a fresh key in the file (mode 600, like keys). */
    static KeyRing autologinRing(ProklikConfig config) throws IOException {
        String env = config.env().get(AUTOLOGIN_ENV);
        if (env != null && !env.isBlank()) {
            return KeyRing.parse(env);
        }
        Path file = Path.of(config.get("proklik.autologin.keys-file"));
        KeyRing ring = Files.isRegularFile(file) ? KeyRing.load(file) : KeyRing.empty();
        if (ring.keys().isEmpty()) {
            ring = ring.withNewSigningKey(KeyRing.generateKey(Clock.systemUTC(), new SecureRandom()));
            ring.save(file);
        }
        return ring;
    }
}
