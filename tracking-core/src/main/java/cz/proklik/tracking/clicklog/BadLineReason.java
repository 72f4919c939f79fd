package cz.proklik.tracking.clicklog;

/** Why a click-log line was not returned as an event (docs/clicklog-format.md, "Reading"). */
public enum BadLineReason {
    TORN,
    TOO_LONG,
    NOT_UTF8,
    NOT_CSV,
    FIELD_COUNT,
    CHECKSUM,
    INVALID_VALUE,
    BAD_HEADER
}
