package cz.proklik.erp.send;

import cz.proklik.erp.db.Ids;

import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;

import static cz.proklik.erp.csv.CsvRows.show;

/**
 * One send from named text fields, checked the same way whatever brought it: a row of the sends CSV or a row of the
 * ERP adapter view {@code pkl_erp_send}. A field that is not valid throws {@link IllegalArgumentException} naming it.
 * Columns: campaign_id, recipient_id, email, status (sent, failed, bounced) required; variant, sent_at, error_text
 * (cut to 1000 characters), bounce_kind (hard, soft; only with bounced), bounced_at optional.
 */
public final class SendFields {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private SendFields() {
    }

    /**
     * @param value the text of a column (null = absent or empty)
     * @param time  the time of a column (null = absent or empty); throws for a value that is not a time
     */
    public static Send parse(Function<String, String> value, Function<String, Instant> time) {
        String campaign = value.apply("campaign_id");
        String recipient = value.apply("recipient_id");
        String email = value.apply("email");
        String statusText = value.apply("status");
        if (campaign == null || !Ids.isId(campaign)) {
            throw new IllegalArgumentException("campaign_id missing or not [A-Za-z0-9._:-]{1,64}: " + show(campaign));
        }
        if (recipient == null || !Ids.isId(recipient)) {
            throw new IllegalArgumentException("recipient_id missing or not [A-Za-z0-9._:-]{1,64}: " + show(recipient));
        }
        if (email == null || email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new IllegalArgumentException("email missing or not an e-mail address: " + show(email));
        }
        SendStatus status;
        try {
            status = SendStatus.fromCode(statusText == null ? "" : statusText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status must be sent, failed or bounced: " + show(statusText));
        }
        String variant = value.apply("variant");
        if (variant != null && !Ids.isVariant(variant)) {
            throw new IllegalArgumentException("variant not [A-Za-z0-9._:-]{1,16}: " + show(variant));
        }
        String bounceText = value.apply("bounce_kind");
        BounceKind bounce;
        try {
            bounce = BounceKind.fromCode(bounceText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bounce_kind must be hard or soft: " + show(bounceText));
        }
        if (bounce != null && status != SendStatus.BOUNCED) {
            throw new IllegalArgumentException("bounce_kind given but status is " + status.code());
        }
        String error = value.apply("error_text");
        if (error != null && error.length() > 1000) {
            error = error.substring(0, 1000);
        }
        return new Send(campaign, recipient, email, variant, time.apply("sent_at"), status, error, bounce,
                time.apply("bounced_at"));
    }
}
