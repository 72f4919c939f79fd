package cz.proklik.mailer.send;

/**
 * Makes the commits before a hand-off durable, once for every thread waiting: a thread that arrives while a flush
 * runs waits for the next one, which covers its commit too. On SQL Server a commit is durable already (the flush is
 * a no-op); the embedded H2 writes committed changes a little later, so without it a killed sender could lose the
 * "handing over" mark of a message it then handed over, and send it again on resume.
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
