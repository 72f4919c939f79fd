package cz.proklik.importer.job;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.importer.followup.FollowupEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Queues the follow-up items the rules call for (docs/followups.md). Runs after the fold and the order attribution,
 * because it reads the clean reactions from the aggregates and the attributed orders; on every run, also one without
 * new files (orders are attributed then too). While an aggregates rebuild runs, the aggregates are incomplete: the
 * rules wait for the next run instead of reading them half-built.
 */
public final class CreateFollowupsTasklet implements Tasklet {
    private static final Logger LOG = LoggerFactory.getLogger(CreateFollowupsTasklet.class);
    private final FollowupEvaluator evaluator;
    private final AggregateMaintainer aggregates;
    private final ImportStats stats;

    public CreateFollowupsTasklet(FollowupEvaluator evaluator, AggregateMaintainer aggregates, ImportStats stats) {
        this.evaluator = evaluator;
        this.aggregates = aggregates;
        this.stats = stats;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (aggregates.rebuildInProgress().isPresent()) {
            LOG.info("Follow-up rules wait for the running aggregates rebuild; the next import run evaluates them");
            return RepeatStatus.FINISHED;
        }
        FollowupEvaluator.Result result = evaluator.run();
        stats.followupsQueued(result.queued());
        LOG.info("Follow-up rules: {} evaluated, {} item(s) queued", result.rules(), result.queued());
        return RepeatStatus.FINISHED;
    }
}
