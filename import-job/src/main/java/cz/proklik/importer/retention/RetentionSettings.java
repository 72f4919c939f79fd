package cz.proklik.importer.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long personal data is kept (docs/privacy.md); {@link Duration#ZERO} keeps that kind for ever.
 *
 * @param eventDetails the client address and user agent of stored events, counted from their import
 * @param files        imported click-log files in the archive, set-aside and quarantine files and the quarantined
 *                     lines in the database, counted from the file's last change
 */
public record RetentionSettings(Duration eventDetails, Duration files) {

    /** Nothing is ever removed. */
    public static final RetentionSettings KEEP_ALL = new RetentionSettings(Duration.ZERO, Duration.ZERO);

    public RetentionSettings {
        Objects.requireNonNull(eventDetails, "eventDetails");
        Objects.requireNonNull(files, "files");
        if (eventDetails.isNegative() || files.isNegative()) {
            throw new IllegalArgumentException("retention periods must be zero (keep) or positive");
        }
    }
}
