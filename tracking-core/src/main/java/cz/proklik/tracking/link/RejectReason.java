package cz.proklik.tracking.link;

/** Why a tracking link was refused; the first failing rule of docs/link-format.md, in that order. */
public enum RejectReason {
    TOO_LONG,
    MALFORMED,
    UNSUPPORTED_VERSION,
    UNKNOWN_KEY,
    RETIRED_KEY,
    BAD_SIGNATURE,
    INVALID_TARGET,
    TARGET_NOT_ALLOWED
}
