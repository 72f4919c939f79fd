package cz.proklik.importer.job;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.importer.read.LogFile;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Folds this run's files into the campaign aggregates the evaluation views read (docs/evaluation.md). It runs after
 * the finish step because the aggregates count clean events and must see the final flags. Idempotent per file, so
 * a restarted run folds only what it had not folded.
 */
public final class FoldAggregatesTasklet implements Tasklet {
    private final AggregateMaintainer aggregates;

    public FoldAggregatesTasklet(AggregateMaintainer aggregates) {
        this.aggregates = aggregates;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        for (LogFile file : DiscoverFilesTasklet.filesOf(chunkContext)) {
            aggregates.addFile(file.fileId());
        }
        return RepeatStatus.FINISHED;
    }
}
