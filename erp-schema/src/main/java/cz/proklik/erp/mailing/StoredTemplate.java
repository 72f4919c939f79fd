package cz.proklik.erp.mailing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A template as stored in {@code pkl_mail_template} with its versions ({@code pkl_mail_template_version}). */
public record StoredTemplate(String id, String name, String fromAddress, String fromName, String defaultLanguage,
                             String defaultShop, String sourceSha256, Instant importedAt,
                             List<StoredTemplateVersion> versions) {
    public StoredTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fromAddress, "fromAddress");
        versions = List.copyOf(versions);
    }
}
