package cz.proklik.erp.response;

import cz.proklik.erp.db.Ids;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * A response tracked outside Proklik (a reply by e-mail, a call, a visit): stored as a raw event of type
 * {@value ResponseDao#EVENT_TYPE}. The time is kept to the millisecond, as the database keeps it; the note is
 * personal data (docs/privacy.md) and may be null.
 */
public record Response(String campaignId, String recipientId, ResponseKind kind, Instant respondedAt, String note) {

    /** The longest note kept, in characters (the column's size); a longer one is cut. */
    public static final int MAX_NOTE = 1000;

    public Response {
        Ids.requireId("campaign id", campaignId);
        Ids.requireId("recipient id", recipientId);
        Objects.requireNonNull(kind, "kind");
        respondedAt = Objects.requireNonNull(respondedAt, "respondedAt").truncatedTo(ChronoUnit.MILLIS);
        note = note == null || note.isBlank() ? null : note.length() > MAX_NOTE ? note.substring(0, MAX_NOTE) : note;
    }

    /**
     * The event id, derived from what identifies the response - campaign, recipient, kind and time - so importing
     * the same row again finds the event it made (a name-based UUID, RFC 4122 version 3). The note is left out: a
     * note corrected in a later export is the same response, not a second one.
     */
    public String eventId() {
        String identity = "proklik-response\n" + campaignId + '\n' + recipientId + '\n' + kind.code() + '\n'
                + respondedAt;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
