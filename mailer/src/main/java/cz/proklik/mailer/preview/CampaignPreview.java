package cz.proklik.mailer.preview;

import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.campaign.CampaignLink;
import cz.proklik.erp.mailing.ErpContact;
import cz.proklik.mailer.campaign.CampaignComposer;
import cz.proklik.mailer.render.MintedLink;
import cz.proklik.mailer.render.RenderedMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code campaign preview}: the exact MIME message one recipient would get, as an .eml file, and its HTML beside
 * it. The campaign's links are registered ({@code pkl_campaign_link}) from it, with the URL as authored (keywords
 * unfilled, so no recipient's data is stored there), so reports name every part of the e-mail.
 */
public final class CampaignPreview {
    public record Result(Path eml, Path html, RenderedMail mail, MimeMessage message) {
    }

    private CampaignPreview() {
    }

    /** Empty when the recipient is in the holdout group (no mail). */
    public static Optional<Result> write(CampaignComposer composer, ErpContact contact, Path dir, CampaignDao campaigns,
                                         Clock clock) throws IOException, MessagingException {
        Optional<RenderedMail> rendered = composer.compose(contact);
        if (rendered.isEmpty()) {
            return Optional.empty();
        }
        RenderedMail mail = rendered.get();
        MimeMessage message = MimeMessages.of(mail, clock);
        Files.createDirectories(dir);
        String base = composer.card().campaignId() + "-" + contact.id();
        Path eml = dir.resolve(base + ".eml");
        Path html = dir.resolve(base + ".html");
        Path tmp = dir.resolve(base + ".eml.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            message.writeTo(out);
        }
        Files.move(tmp, eml, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(html, mail.html(), StandardCharsets.UTF_8);
        for (MintedLink link : mail.links()) {
            campaigns.saveLink(new CampaignLink(composer.card().campaignId(), link.linkId(), link.description(),
                    link.authoredTarget().length() > 2048 ? null : link.authoredTarget(), link.position()));
        }
        return Optional.of(new Result(eml, html, mail, message));
    }
}
