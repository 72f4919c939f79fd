package cz.proklik.erp.mailing.delivery;

import java.util.Locale;

/**
 * Where one recipient of a campaign send stands ({@code pkl_mail_delivery.state}, docs/mailer-sending.md). Only
 * {@link #QUEUED} rows are ever handed over on their own; {@link #IN_DOUBT} ones wait for an explicit resend.
 */
public enum DeliveryState {
    /** Waiting to be handed over (again, after a temporary reply, from {@code next_attempt_at}). */
    QUEUED,
    /** Committed just before the SMTP hand-off; a crash leaves it here, and the next start makes it in doubt. */
    HANDING_OVER,
    /** The relay answered 250 after DATA: the reply is kept, and the pkl_send row says sent. */
    ACCEPTED,
    /** A permanent reply, or temporary ones until the retry limit: the reply is kept, pkl_send says failed. */
    FAILED,
    /** Its fate is unknown (a crash or a broken connection while handing over): shown, resent only when asked. */
    IN_DOUBT,
    /** Not mailed after all: no longer on the list, or suppressed meanwhile, when the send (re)started. */
    SKIPPED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
