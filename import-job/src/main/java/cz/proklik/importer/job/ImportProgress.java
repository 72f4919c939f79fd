package cz.proklik.importer.job;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.StepExecutionListener;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A progress bar over the bytes of this run's files, shown only on a terminal. */
final class ImportProgress implements StepExecutionListener {
    private final boolean wanted;
    private final ImportStats stats;
    private ProgressBar bar;
    private ScheduledExecutorService ticker;

    ImportProgress(boolean wanted, ImportStats stats) {
        this.wanted = wanted;
        this.stats = stats;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (!wanted || System.console() == null || stats.bytesTotal.get() == 0) {
            return;
        }
        bar = new ProgressBarBuilder().setTaskName("Importing").setInitialMax(stats.bytesTotal.get())
                .setUnit(" MiB", 1 << 20).showSpeed().continuousUpdate().build();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "import-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> bar.stepTo(stats.bytesRead.get()), 0, 200, TimeUnit.MILLISECONDS);
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        if (bar != null) {
            ticker.shutdownNow();
            bar.stepTo(stats.bytesRead.get());
            bar.close();
        }
        return stepExecution.getExitStatus();
    }
}
