package cz.proklik.tracking.link;

/** The outcome of checking a presented token: a genuine link, or the reason it was refused. */
public sealed interface LinkVerification {

    /** The key id as presented, when it could be read; empty otherwise. Never trusted, only logged. */
    String keyId();

    record Valid(TrackingLink link, String keyId) implements LinkVerification {
    }

    record Rejected(RejectReason reason, String keyId) implements LinkVerification {
    }
}
