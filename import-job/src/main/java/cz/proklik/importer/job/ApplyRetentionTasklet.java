package cz.proklik.importer.job;

import cz.proklik.erp.privacy.StoredDataRetention;
import cz.proklik.importer.retention.FileRetention;
import cz.proklik.importer.retention.RetentionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

import java.time.Clock;

/**
 * The last step of every run: personal data older than configured goes (docs/privacy.md) - the client address and
 * user agent of stored events, quarantined lines, and the archived and quarantined click-log files. Every run, so
 * that nothing outlives its period by more than the import interval.
 */
public final class ApplyRetentionTasklet implements Tasklet {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyRetentionTasklet.class);

    private final RetentionSettings settings;
    private final StoredDataRetention stored;
    private final FileRetention files;
    private final Clock clock;

    public ApplyRetentionTasklet(RetentionSettings settings, StoredDataRetention stored, FileRetention files,
                                 Clock clock) {
        this.settings = settings;
        this.stored = stored;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StoredDataRetention.Outcome outcome = stored.apply(settings.eventDetails(), settings.files());
        int deletedFiles = settings.files().isZero() ? 0
                : files.deleteChangedBefore(clock.instant().minus(settings.files()));
        if (outcome.eventDetailsCleared() > 0 || outcome.quarantinedLinesDeleted() > 0 || deletedFiles > 0) {
            LOG.info("Retention: cleared address and user agent of {} events, deleted {} quarantined lines and {}"
                    + " files", outcome.eventDetailsCleared(), outcome.quarantinedLinesDeleted(), deletedFiles);
        }
        return RepeatStatus.FINISHED;
    }
}
