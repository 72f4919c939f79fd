package cz.proklik.mailer.send;

/** How one SMTP hand-off ended, as far as the sender can know. */
public sealed interface HandOff {
    /** The relay answered 250 to the end of DATA: the message is its responsibility now. */
    record Accepted(String reply) implements HandOff {
    }

    /** A 5xx reply (to MAIL, RCPT or DATA): not accepted, and asking again will not help. */
    record Rejected(int code, String reply) implements HandOff {
    }

    /** A 4xx reply: not accepted now, may be tomorrow (greylisting, rate limits, a full queue). */
    record Deferred(int code, String reply) implements HandOff {
    }

    /**
     * The connection could not be opened (or said no to EHLO, STARTTLS, AUTH): nothing of the message left.
     * {@code login} when the relay refused our credentials (every further try would fail the same way).
     */
    record NotConnected(String reason, boolean login) implements HandOff {
    }

    /** The connection broke or timed out during the transaction: the relay may or may not have the message. */
    record Unknown(String reason) implements HandOff {
    }
}
