package cz.proklik.redirect.tracking;

import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioIoThread;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands responses from the click-log writer back to the IO thread of each exchange. A batch of a few hundred
 * completions becomes one task per IO thread instead of one wake-up each.
 */
final class IoThreadResponder {
    private static final Logger LOG = LoggerFactory.getLogger(IoThreadResponder.class);
    private final Map<XnioIoThread, Lane> lanes = new ConcurrentHashMap<>();

    void submit(HttpServerExchange exchange, Runnable response) {
        lanes.computeIfAbsent(exchange.getIoThread(), Lane::new).submit(response);
    }

    private static final class Lane {
        private final XnioIoThread thread;
        private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        Lane(XnioIoThread thread) {
            this.thread = thread;
        }

        void submit(Runnable response) {
            queue.add(response);
            if (scheduled.compareAndSet(false, true)) {
                thread.execute(this::drain);
            }
        }

        private void drain() {
            // Cleared before draining: a response added after the last poll schedules a new drain.
            scheduled.set(false);
            for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.warn("Sending a tracking response failed", e);
                }
            }
        }
    }
}
