package cz.proklik.tracking.autologin;

/** The outcome of checking an auto-login token: a grant the shop may honour, or why it must not. */
public sealed interface AutologinVerification {

    record Valid(AutologinGrant grant, String keyId) implements AutologinVerification {
    }

    record Rejected(Reason reason) implements AutologinVerification {
    }

    /** In the order the checks run (docs/autologin-link.md). */
    enum Reason { MALFORMED, UNSUPPORTED_VERSION, UNKNOWN_KEY, RETIRED_KEY, BAD_SIGNATURE, WRONG_PURPOSE, EXPIRED }
}
