package cz.proklik.erp.mailing;

import java.util.Objects;

/** One language version at one web shop; null sender fields fall back to the template's. */
public record StoredTemplateVersion(String language, String shop, String subject, String fromAddress,
                                    String fromName, String loginUrl, String productUrl, String html) {
    public StoredTemplateVersion {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
    }
}
