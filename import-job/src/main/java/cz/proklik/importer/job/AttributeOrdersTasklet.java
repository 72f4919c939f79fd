package cz.proklik.importer.job;

import cz.proklik.erp.aggregate.OrderAttribution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.repeat.RepeatStatus;

/**
 * Brings order attribution up to date (docs/evaluation.md): the orders after the clean clicks this run folded, and
 * the orders the ERP recorded since the last run. It runs on every run, also one without new files, because orders
 * arrive in the ERP whether or not anybody clicked meanwhile.
 */
public final class AttributeOrdersTasklet implements Tasklet {
    private static final Logger LOG = LoggerFactory.getLogger(AttributeOrdersTasklet.class);
    private final OrderAttribution attribution;

    public AttributeOrdersTasklet(OrderAttribution attribution) {
        this.attribution = attribution;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        if (attribution.refresh().isEmpty()) {
            LOG.info("Order attribution left to the running aggregates rebuild, which re-attributes every order");
        }
        return RepeatStatus.FINISHED;
    }
}
