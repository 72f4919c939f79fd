package cz.proklik.importer.job;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.aggregate.AggregateMaintainer.FoldResult;
import cz.proklik.importer.read.LogFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

import java.util.List;
import java.util.Map;

/**
 * Folds this run's files, in groups ({@link AggregateMaintainer#addFiles}), into the campaign aggregates the evaluation views read (docs/evaluation.md). It runs after
 * the finish step because the aggregates count clean events and must see the final flags. Idempotent per file, so
 * a restarted run folds only what it had not folded. While {@code proklik aggregates rebuild} runs, the files are left
 * to it: it folds them when it finishes.
 */
public final class FoldAggregatesTasklet implements Tasklet {
    private static final Logger LOG = LoggerFactory.getLogger(FoldAggregatesTasklet.class);
    private final AggregateMaintainer aggregates;

    public FoldAggregatesTasklet(AggregateMaintainer aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        List<LogFile> files = DiscoverFilesTasklet.filesOf(chunkContext);
        Map<Long, FoldResult> results = aggregates.addFiles(files.stream().map(LogFile::fileId).toList());
        for (LogFile file : files) {
            if (results.get(file.fileId()) == FoldResult.LEFT_TO_REBUILD) {
                LOG.info("{}: an aggregates rebuild is running; it folds this file when it finishes", file.path().getFileName());
            }
        }
        return RepeatStatus.FINISHED;
    }
}
