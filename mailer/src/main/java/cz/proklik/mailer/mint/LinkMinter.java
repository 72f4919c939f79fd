package cz.proklik.mailer.mint;

import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.linktoken.LinkToken;
import cz.proklik.erp.linktoken.LinkTokenDao;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkFieldRules;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.SigningKey;
import cz.proklik.tracking.link.TargetUrls;
import cz.proklik.tracking.link.TrackingLink;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pre-signs a campaign's links for its recipients into {@code pkl_link_token}, so that the ERP's own bulk e-mail
 * module expands a keyword into the same signed link {@code LinkCodec} makes, without the signing key ever
 * entering the database (docs/link-format.md, "Links made inside the ERP"). Per recipient: one click link per
 * registered campaign link (keyword = the link id), the open pixel ({@code @open}) and the unsubscribe link
 * ({@code @unsubscribe}). Recipients are written in chunks, each in its own transaction; minting again replaces
 * a recipient's links whole, so a run that stopped midway is simply run again.
 */
public final class LinkMinter {
    static final int CHUNK = 2_000;

    private final CampaignDao campaigns;
    private final LinkTokenDao tokens;
    private final LinkCodec codec;
    private final String baseUrl;
    private final Clock clock;

    public LinkMinter(CampaignDao campaigns, LinkTokenDao tokens, LinkCodec codec, String baseUrl, Clock clock) {
        this.campaigns = campaigns;
        this.tokens = tokens;
        this.codec = codec;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** What a run minted: recipients, links per recipient (click links + open + unsubscribe), the signing key. */
    public record Minted(int recipients, int linksPerRecipient, long links, String keyId) {
    }

    /** A campaign that cannot be minted as it stands (unknown, or a link without a target). Nothing is written. */
    public static final class NotMintable extends Exception {
        private static final long serialVersionUID = 1L;

        NotMintable(String message) {
            super(message);
        }
    }

    /**
     * Mints every link of {@code campaignId} for each of {@code recipients} (a recipient given twice: the last
     * wins).
     *
     * @throws NotMintable when the campaign is not registered or one of its links has no target: the ERP would
     *                     otherwise expand that keyword to nothing in a sent mail
     */
    public Minted mint(String campaignId, List<MintRecipient> recipients) throws NotMintable {
        if (!campaigns.exists(campaignId)) {
            throw new NotMintable("no campaign " + campaignId + " (register it first: campaigns add)");
        }
        List<CampaignLink> links = campaigns.links(campaignId);
        List<String> withoutTarget = links.stream().filter(l -> l.targetUrl() == null).map(CampaignLink::linkId).toList();
        if (!withoutTarget.isEmpty()) {
            throw new NotMintable("links without a target: " + String.join(", ", withoutTarget)
                    + " (set one: campaigns links add " + campaignId + " LINK --target URL); nothing was minted");
        }
        // Normalised and checked once per link, not per recipient; a target registered as authored in a template
        // (a keyword in it) is no URL a link may lead to, and the run stops before anything is written.
        Map<String, String> targets = new LinkedHashMap<>();
        List<String> badTarget = new ArrayList<>();
        for (CampaignLink link : links) {
            try {
                String target = TargetUrls.normalise(link.targetUrl());
                if (LinkFieldRules.isTarget(target)) {
                    targets.put(link.linkId(), target);
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            badTarget.add(link.linkId());
        }
        if (!badTarget.isEmpty()) {
            throw new NotMintable("links whose target is not an absolute http(s) URL a tracking link may lead to"
                    + " (a template keyword in it?): " + String.join(", ", badTarget) + "; nothing was minted");
        }
        SigningKey key = codec.keyRing().signingKey().orElseThrow(() ->
                new IllegalStateException("the key ring has no active key: run 'proklik keys generate'"));
        Map<String, MintRecipient> unique = new LinkedHashMap<>();
        for (MintRecipient r : recipients) {
            unique.put(r.recipientId(), r);
        }
        List<MintRecipient> all = List.copyOf(unique.values());
        long written = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<MintRecipient> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            List<LinkToken> batch = new ArrayList<>(chunk.size() * (links.size() + 2));
            for (MintRecipient r : chunk) {
                String variant = r.variant() == null ? "" : r.variant();
                for (Map.Entry<String, String> link : targets.entrySet()) {
                    batch.add(token(new TrackingLink(LinkKind.CLICK, campaignId, r.recipientId(), link.getKey(),
                            variant, link.getValue()), link.getKey(), link.getKey(), r, key));
                }
                batch.add(token(TrackingLink.open(campaignId, r.recipientId(), variant), LinkToken.OPEN_KEYWORD,
                        null, r, key));
                batch.add(token(TrackingLink.unsubscribe(campaignId, r.recipientId(), variant),
                        LinkToken.UNSUBSCRIBE_KEYWORD, null, r, key));
            }
            tokens.replace(campaignId, chunk.stream().map(MintRecipient::recipientId).toList(), batch,
                    clock.instant());
            written += batch.size();
        }
        return new Minted(all.size(), links.size() + 2, written, key.id());
    }

    private LinkToken token(TrackingLink link, String keyword, String linkId, MintRecipient r, SigningKey key) {
        return new LinkToken(link.campaign(), r.recipientId(), keyword, link.kind().pathSegment().charAt(0), linkId,
                r.variant(), key.id(), codec.url(baseUrl, link));
    }
}
