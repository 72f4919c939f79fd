package cz.proklik.mailer.send;

/**
 * Makes the hand-off journal's lines durable before a hand-off, with one fsync for every thread waiting: a thread
 * that arrives while a flush runs waits for the next one, which covers its line too ({@link HandOffJournal}). Without
 * it a killed sender could lose the "handing over" line of a message it then handed over, and send it again.
 */
final class GroupFlush {
    private final Runnable flush;
    private long requested;
    private long completed;
    private boolean running;

    GroupFlush(Runnable flush) {
        this.flush = flush;
    }

    void awaitDurable() throws InterruptedException {
        long mine;
        synchronized (this) {
            mine = ++requested;
            while (true) {
                if (completed >= mine) {
                    return;
                }
                if (!running) {
                    running = true;
                    break;
                }
                wait();
            }
        }
        long covered;
        synchronized (this) {
            covered = requested;
        }
        boolean done = false;
        try {
            flush.run();
            done = true;
        } finally {
            synchronized (this) {
                running = false;
                if (done) {
                    completed = Math.max(completed, covered);
                }
                notifyAll();
            }
        }
    }
}
