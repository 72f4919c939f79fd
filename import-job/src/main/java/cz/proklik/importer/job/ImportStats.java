package cz.proklik.importer.job;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Running totals of one import run, for the summary line and the progress bar. */
public final class ImportStats {
    final AtomicLong files = new AtomicLong();
    final AtomicLong filesSkipped = new AtomicLong();
    final AtomicLong filesRefused = new AtomicLong();
    final AtomicLong filesConflicting = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    final AtomicLong imported = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong quarantined = new AtomicLong();
    final AtomicLong flagged = new AtomicLong();
    final AtomicLong bytesRead = new AtomicLong();
    final AtomicLong bytesTotal = new AtomicLong();
    final AtomicLong followups = new AtomicLong();

    void reset() {
        for (AtomicLong counter : new AtomicLong[]{files, filesSkipped, filesRefused, filesConflicting, lines, imported, duplicates, quarantined,
                flagged, bytesRead, bytesTotal, followups}) {
            counter.set(0);
        }
    }

    public long linesSoFar() {
        return lines.get();
    }

    public void addBytes(long n) {
        bytesRead.addAndGet(n);
    }

    public void added(long lineCount, long insertedCount, long duplicateCount, long quarantinedCount) {
        lines.addAndGet(lineCount);
        imported.addAndGet(insertedCount);
        duplicates.addAndGet(duplicateCount);
        quarantined.addAndGet(quarantinedCount);
    }

    public void flagged(long count) {
        flagged.addAndGet(count);
    }

    public void followupsQueued(long count) {
        followups.addAndGet(count);
    }

    public Summary summary(double seconds) {
        return new Summary(files.get(), filesSkipped.get(), filesRefused.get(), filesConflicting.get(), lines.get(), imported.get(), duplicates.get(),
                quarantined.get(), flagged.get(), followups.get(), seconds);
    }

    /**
     * What one run did. {@code flagged}: events of this run's files with at least one flag set.
     * {@code filesRefused}: files set aside because they are not click-log files (their header);
     * {@code filesConflicting}: files of an imported file's folder and name with other content, set aside. Both
     * need a person's look, so the run that met them does not count as a success (see {@link #needsAttention()}).
     * {@code followups}: follow-up items the rules queued in this run (docs/followups.md).
     */
    public record Summary(long files, long filesSkipped, long filesRefused, long filesConflicting, long lines,
                          long imported, long duplicates, long quarantined, long flagged, long followups,
                          double seconds) {
        public boolean needsAttention() {
            return filesRefused > 0 || filesConflicting > 0;
        }

        public double eventsPerSecond() {
            return seconds <= 0 ? 0 : (imported + duplicates) / seconds;
        }

        @Override
        public String toString() {
            String setAside = needsAttention()
                    ? String.format(Locale.ROOT, ", refused %d, conflicting %d", filesRefused, filesConflicting)
                    : "";
            return String.format(Locale.ROOT,
                    "files %d (already imported %d%s), lines %d: imported %d, duplicates %d, quarantined %d, "
                            + "flagged %d; %.1f s, %.0f events/s%s",
                    files, filesSkipped, setAside, lines, imported, duplicates, quarantined, flagged, seconds,
                    eventsPerSecond(), followups == 0 ? "" : "; follow-ups queued " + followups);
        }
    }
}
