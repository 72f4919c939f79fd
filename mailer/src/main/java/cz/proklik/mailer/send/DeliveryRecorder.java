package cz.proklik.mailer.send;

import cz.proklik.erp.mailing.delivery.DeliveryDao;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes the sending threads' steps to the database in batches, on a thread of its own: one transaction for all
 * the steps that came in while the previous one ran, instead of one per message (and no sending thread waits for
 * it). The hand-off journal has each step already, so a batch not yet written when the process dies is replayed
 * from it at the next start. After a failed write nothing more is written (the journal keeps it all) and the run
 * is stopped through {@code onFailure}.
 */
final class DeliveryRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRecorder.class);
    /** Steps per transaction at most (the pkl_send upsert reads the rows it overwrites 500 at a time). */
    private static final int BATCH = 500;
    /**
     * How long a batch waits for more steps once its first has come. Without it a batch took what came while the
     * previous one ran, a handful of steps at a few hundred messages a second, and each paid a transaction's fixed
     * cost (the counts' statements, the read of the sends it overwrites, the commit): 250 µs of the writer's CPU
     * per step in the send benchmark's profile. A {@link #flush} ends the wait.
     */
    private static final long LINGER_NANOS = 100_000_000L;

    private final DeliveryDao deliveries;
    private final Consumer<RuntimeException> onFailure;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Object end = new Object();
    private final Object flushNow = new Object();
    private final Thread thread;
    private long submitted;
    private long written;
    private volatile RuntimeException failure;

    DeliveryRecorder(DeliveryDao deliveries, String name, Consumer<RuntimeException> onFailure) {
        this.deliveries = deliveries;
        this.onFailure = onFailure;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    void submit(DeliveryDao.Step step) {
        synchronized (this) {
            submitted++;
        }
        queue.add(step);
    }

    /** Returns once every step submitted so far is written (or the writing failed). */
    void flush() throws InterruptedException {
        queue.add(flushNow);
        synchronized (this) {
            long target = submitted;
            while (written < target && failure == null) {
                wait(200);
            }
        }
    }

    /** The write that failed, null while all went in. */
    RuntimeException failure() {
        return failure;
    }

    private void run() {
        List<Object> taken = new ArrayList<>();
        List<DeliveryDao.Step> batch = new ArrayList<>();
        while (true) {
            try {
                taken.add(queue.take());
                long deadline = System.nanoTime() + LINGER_NANOS;
                queue.drainTo(taken, BATCH - 1);
                int seen = 0;
                boolean writeNow = false;
                while (true) {
                    for (; seen < taken.size(); seen++) {
                        writeNow |= taken.get(seen) == flushNow || taken.get(seen) == end;
                    }
                    if (writeNow || taken.size() >= BATCH) {
                        break;
                    }
                    Object next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    taken.add(next);
                    queue.drainTo(taken, BATCH - taken.size());
                }
            } catch (InterruptedException e) {
                return;
            }
            boolean last = false;
            for (Object o : taken) {
                if (o == end) {
                    last = true;
                } else if (o != flushNow) {
                    batch.add((DeliveryDao.Step) o);
                }
            }
            if (failure == null && !batch.isEmpty()) {
                try {
                    deliveries.record(batch);
                } catch (RuntimeException e) {
                    LOG.error("writing {} send step(s) to the database failed; the hand-off journal keeps them",
                            batch.size(), e);
                    failure = e;
                    onFailure.accept(e);
                }
            }
            synchronized (this) {
                written += batch.size();
                notifyAll();
            }
            taken.clear();
            batch.clear();
            if (last) {
                return;
            }
        }
    }

    /** Writes what is left and stops the thread. */
    @Override
    public void close() throws InterruptedException {
        queue.add(end);
        thread.join();
    }
}
