package cz.proklik.mailer.render;

import java.util.List;

/**
 * One recipient's mail, ready for MIME: every header value is free of control characters. {@code links} are the
 * tracked links in document order, as registered for the campaign.
 */
public record RenderedMail(String recipientId, String variant, String fromAddress, String fromName,
                           String toAddress, String toName, String subject, String html, String text,
                           String unsubscribeUrl, List<MintedLink> links) {
    public RenderedMail {
        links = List.copyOf(links);
    }
}
