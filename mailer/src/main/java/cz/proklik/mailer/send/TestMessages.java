package cz.proklik.mailer.send;

import cz.proklik.erp.campaign.Campaign;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.preview.MimeMessages;
import cz.proklik.mailer.render.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * {@code campaign test}: each variant's mail, personalised with a sample contact, to test addresses, marked as a
 * test (header {@value MimeMessages#TEST_HEADER}, a subject tag). Its links are signed and work, but for the marker
 * campaign {@link #campaignId} and the marker recipient {@link #RECIPIENT}: no pkl_campaign row has that campaign,
 * so the evaluation views (which start from pkl_campaign) never count its clicks, and an unsubscribe from it
 * unsubscribes nobody real. Nothing of it is written to pkl_mail_delivery or pkl_send.
 */
public final class TestMessages {
    /** The recipient id of every test message's links. */
    public static final String RECIPIENT = "pkl-test";
    private static final String PREFIX = "test:";

    /** One test message's outcome. */
    public record Sent(String address, String variant, String messageId, HandOff outcome) {
    }

    private TestMessages() {
    }

    /** The marker campaign of a campaign's test messages: "test:" + id, or a digest when that is over 64. */
    public static String campaignId(String campaignId) {
        String marked = PREFIX + campaignId;
        if (marked.length() <= 64) {
            return marked;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(campaignId.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(h).substring(0, 59);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether an id is a marker campaign (refused as a real campaign's id). */
    public static boolean isMarker(String campaignId) {
        return campaignId.startsWith(PREFIX);
    }

    /** The campaign row the test composer signs its links for (never saved). */
    public static Campaign markerCampaign(Campaign real) {
        return new Campaign(campaignId(real.id()), real.name(), real.subject(), real.utmCampaign(), real.utmMedium(),
                null, null, real.attributionDays(), real.status());
    }

    /**
     * Sends one message per address and variant over one connection.
     *
     * @param testComposer a composer built for {@link #markerCampaign}
     * @param sample       whose data fills the keywords (its id is replaced by the marker)
     * @param variants     the variants to send ("" without a split)
     */
    public static List<Sent> send(CampaignComposer testComposer, ErpContact sample, List<String> variants,
                                  List<String> addresses, SmtpSettings smtp, SendSettings settings, Clock clock)
            throws MessagingException {
        ErpContact marked = new ErpContact(RECIPIENT, sample.email(), sample.firstName(), sample.lastName(),
                sample.language(), sample.region(), sample.countryCode(), sample.organisationId(), true,
                sample.salutation(), sample.vocativeFirstName(), sample.vocativeLastName(), sample.gender());
        List<Sent> out = new ArrayList<>();
        try (SmtpConnection connection = new SmtpConnection(smtp)) {
            for (String address : addresses) {
                for (String variant : variants) {
                    RenderedMail mail = testComposer.compose(marked, variant);
                    RenderedMail to = new RenderedMail(mail.recipientId(), mail.variant(), mail.fromAddress(),
                            mail.fromName(), address, null, mail.subject(), mail.html(), mail.text(),
                            mail.unsubscribeUrl(), mail.links());
                    String messageId = "test." + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "@"
                            + settings.messageIdDomain();
                    String tag = variant.isEmpty() ? settings.testTag()
                            : settings.testTag().replaceFirst("]$", " " + variant + "]");
                    MimeMessage m = settings.signed(MimeMessages.of(to, clock, new MimeMessages.Extras(messageId,
                            settings.unsubscribeMailto(), tag)));
                    String from = settings.bounceBox() == null ? mail.fromAddress()
                            : settings.bounceBox() + "@" + settings.bounceDomain();
                    out.add(new Sent(address, variant, messageId, connection.send(m, from, address)));
                }
            }
        }
        return out;
    }
}
