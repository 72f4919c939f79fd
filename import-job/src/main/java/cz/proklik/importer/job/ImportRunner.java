package cz.proklik.importer.job;

import cz.proklik.erp.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobInstance;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs the import job: once, or again and again for {@code --every}. Holds the import lock while it runs. A run
 * that was killed (its execution still says STARTED) is marked failed and restarted from its last committed
 * chunk; a run that failed (database down, say) is restarted the same way next time.
 */
public final class ImportRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);
    static final String RUN_ID = "run.id";

    private final ImportSettings settings;
    private final ImportStats stats = new ImportStats();
    private final AnnotationConfigApplicationContext context;

    public ImportRunner(Database database, ImportSettings settings) {
        this.settings = settings;
        this.context = new AnnotationConfigApplicationContext();
        context.registerBean(Database.class, () -> database);
        context.registerBean(ImportSettings.class, () -> settings);
        context.registerBean(ImportStats.class, () -> stats);
        context.register(ImportJobConfiguration.class);
        context.refresh();
    }

    /** Live counters of the run in progress (for progress displays). */
    public ImportStats stats() {
        return stats;
    }

    /** One run over the drop folders. Throws {@link ImportFailedException} when the job does not complete. */
    public ImportStats.Summary runOnce() throws IOException {
        Files.createDirectories(settings.lockFile().toAbsolutePath().getParent());
        try (FileChannel lockChannel = FileChannel.open(settings.lockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                throw new ImportFailedException("another import is running (lock " + settings.lockFile() + ")");
            }
            stats.reset();
            long start = System.nanoTime();
            JobExecution execution = launchOrRestart();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                throw new ImportFailedException("import " + execution.getStatus().name().toLowerCase()
                        + describe(execution.getAllFailureExceptions()) + " — the next run restarts it; "
                        + "files not imported stay in the drop folder");
            }
            return stats.summary(seconds);
        }
    }

    private JobExecution launchOrRestart() {
        JobExplorer explorer = context.getBean(JobExplorer.class);
        JobLauncher launcher = context.getBean(JobLauncher.class);
        Job job = context.getBean(Job.class);
        try {
            JobInstance last = explorer.getLastJobInstance(ImportJobConfiguration.JOB_NAME);
            if (last != null) {
                JobExecution lastExecution = explorer.getLastJobExecution(last);
                if (lastExecution != null && lastExecution.getStatus().isRunning()) {
                    markKilled(explorer.getJobExecution(lastExecution.getId()));
                    lastExecution = explorer.getLastJobExecution(last);
                }
                if (lastExecution != null && lastExecution.getStatus().isUnsuccessful()) {
                    LOG.info("Restarting the unfinished import run {} from its last committed chunk",
                            lastExecution.getJobParameters().getLong(RUN_ID));
                    return launcher.run(job, lastExecution.getJobParameters());
                }
            }
            long next = last == null ? 1 : explorer.getJobExecutions(last).get(0).getJobParameters().getLong(RUN_ID) + 1;
            JobParameters params = new JobParametersBuilder().addLong(RUN_ID, next).toJobParameters();
            return launcher.run(job, params);
        } catch (ImportFailedException e) {
            throw e;
        } catch (Exception e) {
            throw new ImportFailedException("import could not start: " + e.getMessage(), e);
        }
    }

    /** We hold the lock, so an execution that still says it runs belongs to a process that is gone. */
    private void markKilled(JobExecution execution) {
        JobRepository repository = context.getBean(JobRepository.class);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription("the import process ended without finishing"));
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription("the import process ended without finishing"));
        execution.setEndTime(now);
        repository.update(execution);
        LOG.warn("Import run {} ended without finishing (process killed?); it will be restarted",
                execution.getJobParameters().getLong(RUN_ID));
    }

    private static String describe(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return "";
        }
        Throwable root = failures.get(0);
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return ": " + root.getMessage();
    }

    @Override
    public void close() {
        context.close();
    }
}
