package cz.proklik.importer.job;

import cz.proklik.erp.aggregate.AggregateMaintainer;
import cz.proklik.erp.campaign.CampaignDao;
import cz.proklik.erp.db.Database;
import cz.proklik.erp.db.Engine;
import cz.proklik.erp.db.LockRetry;
import cz.proklik.erp.event.RawEventDao;
import cz.proklik.erp.followup.FollowupDao;
import cz.proklik.erp.importfile.ImportFileDao;
import cz.proklik.erp.importfile.QuarantineDao;
import cz.proklik.erp.mailing.ErpContactDao;
import cz.proklik.erp.privacy.StoredDataRetention;
import cz.proklik.erp.unsubscribe.UnsubscribeDao;
import cz.proklik.importer.enrich.EnrichProcessor;
import cz.proklik.importer.enrich.EventClassifier;
import cz.proklik.importer.enrich.IpAnonymizer;
import cz.proklik.importer.enrich.UserAgentClassifier;
import cz.proklik.importer.flag.DatabaseFlagRules;
import cz.proklik.importer.followup.FollowupEvaluator;
import cz.proklik.importer.read.ClickLogFilesReader;
import cz.proklik.importer.read.LogLine;
import cz.proklik.importer.retention.FileRetention;
import cz.proklik.importer.write.ImportRow;
import cz.proklik.importer.write.ImportWriter;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.configuration.support.DefaultBatchConfiguration;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.retry.backoff.ExponentialRandomBackOffPolicy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Isolation;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.List;

/**
 * The import job: discover files → import their lines in chunks → finish (database flags, counts, archive) →
 * fold the files into the campaign aggregates → attribute orders → queue follow-up items → retention.
 * The job repository lives in the same database with table prefix PKL_BATCH_, so the events of a chunk and the
 * reader's saved position commit together.
 */
@Configuration
public class ImportJobConfiguration extends DefaultBatchConfiguration {
    public static final String JOB_NAME = "proklikClickLogImport";

    @Override
    protected String getTablePrefix() {
        return "PKL_BATCH_";
    }

    /**
     * Spring Batch creates a job execution under SERIALIZABLE by default; two launches at the same moment (cron and a
     * running {@code --every}) can then deadlock on SQL Server's range locks (spring-batch #1448, review finding 19).
     * REPEATABLE_READ still keeps a second launch of the same job instance out.
     */
    @Override
    protected Isolation getIsolationLevelForCreate() {
        return Isolation.REPEATABLE_READ;
    }

    @Bean
    public DataSource dataSource(Database database) {
        return database.dataSource();
    }

    @Bean
    public PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public ImportFileDao importFileDao(DataSource dataSource) {
        return new ImportFileDao(dataSource);
    }

    @Bean
    public QuarantineDao quarantineDao(DataSource dataSource) {
        return new QuarantineDao(dataSource);
    }

    @Bean
    public FileArchive fileArchive(ImportSettings settings) {
        return new FileArchive(settings.archiveDir(), settings.quarantineDir());
    }

    @Bean
    public Job importJob(JobRepository jobRepository, Step discoverFiles, Step importLines, Step finishFiles,
                         Step foldAggregates, Step attributeOrders, Step createFollowups, Step applyRetention) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(discoverFiles)
                .next(importLines)
                .next(finishFiles)
                .next(foldAggregates)
                .next(attributeOrders)
                .next(createFollowups)
                .next(applyRetention)
                .build();
    }

    @Bean
    public Step discoverFiles(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                              ImportSettings settings, ImportFileDao importFileDao, FileArchive fileArchive,
                              ImportStats stats, Clock clock) {
        return new StepBuilder("discoverFiles", jobRepository)
                .tasklet(new DiscoverFilesTasklet(settings, importFileDao, fileArchive, stats, clock), transactionManager)
                .build();
    }

    @Bean
    @StepScope
    public ClickLogFilesReader clickLogFilesReader(
            @Value("#{jobExecutionContext['" + DiscoverFilesTasklet.FILES_KEY + "']}") String files, ImportStats stats) {
        return new ClickLogFilesReader(DiscoverFilesTasklet.decode(files), stats::addBytes);
    }

    @Bean
    public EnrichProcessor enrichProcessor(ImportSettings settings, Clock clock) {
        EventClassifier classifier = new EventClassifier(new UserAgentClassifier(), settings.scannerRanges(),
                settings.mppRanges());
        return new EnrichProcessor(classifier, new IpAnonymizer(settings.anonymizeIp()), clock);
    }

    @Bean
    public ImportWriter importWriter(DataSource dataSource, QuarantineDao quarantineDao, ImportFileDao importFileDao,
                                     ImportStats stats) {
        return new ImportWriter(new RawEventDao(dataSource), quarantineDao, new UnsubscribeDao(dataSource),
                importFileDao, stats);
    }

    @Bean
    public Step importLines(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ImportSettings settings, ClickLogFilesReader clickLogFilesReader,
                            EnrichProcessor enrichProcessor, ImportWriter importWriter, ImportStats stats) {
        return new StepBuilder("importLines", jobRepository)
                .<LogLine, ImportRow>chunk(settings.chunkSize(), transactionManager)
                .reader(clickLogFilesReader)
                .processor(enrichProcessor)
                .writer(importWriter)
                // A chunk SQL Server chose as a deadlock victim (or whose lock wait ran out) was rolled back whole:
                // write it again, a few times, before the run fails (review finding 5).
                .faultTolerant()
                .retry(PessimisticLockingFailureException.class)
                .retry(QueryTimeoutException.class)
                .retryLimit(LockRetry.ATTEMPTS)
                .backOffPolicy(lostLockBackOff())
                .listener(new ImportProgress(settings.progressBar(), stats))
                .build();
    }

    /** A short random pause before a lost chunk is written again, so that two victims do not meet again at once. */
    private static ExponentialRandomBackOffPolicy lostLockBackOff() {
        ExponentialRandomBackOffPolicy backOff = new ExponentialRandomBackOffPolicy();
        backOff.setInitialInterval(100);
        backOff.setMultiplier(2);
        backOff.setMaxInterval(2_000);
        return backOff;
    }

    @Bean
    public Step finishFiles(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ImportSettings settings, ImportFileDao importFileDao, QuarantineDao quarantineDao,
                            FileArchive fileArchive, Database database, DataSource dataSource, ImportStats stats,
                            Clock clock) {
        DatabaseFlagRules rules = new DatabaseFlagRules(dataSource, settings.tooFastOpen(), settings.tooFastClick(),
                settings.burstWindow(), settings.burstLinks(), clock);
        return new StepBuilder("finishFiles", jobRepository)
                .tasklet(new FinishFilesTasklet(database, importFileDao, quarantineDao, rules, fileArchive, stats,
                        clock), transactionManager)
                .build();
    }

    /** The aggregates and the one order attribution they feed, shared by the fold and the attribution step. */
    @Bean
    public AggregateMaintainer aggregateMaintainer(DataSource dataSource, Database database, Clock clock,
                                                   ImportSettings settings) {
        // A backlog's rebuild runs in this JVM beside the user-agent rules: slices of REBUILD_SLICE, not the
        // 1,000,000 of `aggregates rebuild` (whose delta ran the 512 MB heap out here at 5 M events, session 11).
        Engine engine = database.engine();
        return new AggregateMaintainer(dataSource, clock, AggregateMaintainer.REBUILD_SLICE,
                AggregateMaintainer.foldGroupEvents(engine), settings.rebuildTempDir(),
                AggregateMaintainer.bulkRebuildEvents(engine));
    }

    @Bean
    public Step foldAggregates(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               AggregateMaintainer aggregateMaintainer) {
        return new StepBuilder("foldAggregates", jobRepository)
                .tasklet(new FoldAggregatesTasklet(aggregateMaintainer), transactionManager)
                .build();
    }

    @Bean
    public Step attributeOrders(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                AggregateMaintainer aggregateMaintainer) {
        return new StepBuilder("attributeOrders", jobRepository)
                .tasklet(new AttributeOrdersTasklet(aggregateMaintainer.attribution()), transactionManager)
                .build();
    }

    /** Follow-up rules (docs/followups.md): after the fold and the attribution, whose results they read. */
    @Bean
    public Step createFollowups(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                DataSource dataSource, AggregateMaintainer aggregateMaintainer, ImportStats stats,
                                Clock clock) {
        FollowupEvaluator evaluator = new FollowupEvaluator(new FollowupDao(dataSource), new ErpContactDao(dataSource),
                new CampaignDao(dataSource), clock);
        return new StepBuilder("createFollowups", jobRepository)
                .tasklet(new CreateFollowupsTasklet(evaluator, aggregateMaintainer, stats), transactionManager)
                .build();
    }

    @Bean
    public Step applyRetention(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               ImportSettings settings, DataSource dataSource, Clock clock) {
        return new StepBuilder("applyRetention", jobRepository)
                .tasklet(new ApplyRetentionTasklet(settings.retention(), new StoredDataRetention(dataSource, clock),
                        new FileRetention(List.of(settings.archiveDir(), settings.quarantineDir())), clock),
                        transactionManager)
                .build();
    }
}
