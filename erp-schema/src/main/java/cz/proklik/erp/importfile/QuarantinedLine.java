package cz.proklik.erp.importfile;

import java.time.Instant;
import java.util.Objects;

/**
 * A click-log line that was not imported: the reader's reason (TORN, TOO_LONG, NOT_UTF8, NOT_CSV, FIELD_COUNT,
 * CHECKSUM, INVALID_VALUE, BAD_HEADER), an optional detail, and the raw text (cut to {@value #MAX_RAW} characters).
 */
public record QuarantinedLine(long fileId, long lineNo, String reason, String detail, String rawLine,
                              boolean rawTruncated, Instant createdAt) {

    public static final int MAX_RAW = 4000;
    public static final int MAX_DETAIL = 400;

    public QuarantinedLine {
        Objects.requireNonNull(reason, "reason");
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL);
        }
        if (rawLine != null && rawLine.length() > MAX_RAW) {
            rawLine = rawLine.substring(0, MAX_RAW);
            rawTruncated = true;
        }
    }

    public static QuarantinedLine of(long fileId, long lineNo, String reason, String detail, String rawLine,
                                     Instant at) {
        return new QuarantinedLine(fileId, lineNo, reason, detail, rawLine, false, at);
    }
}
