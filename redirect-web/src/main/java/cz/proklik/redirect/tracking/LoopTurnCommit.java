package cz.proklik.redirect.tracking;

import cz.proklik.redirect.ops.RedirectMetrics;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.event.TrackingEvent;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.XnioIoThread;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group commit inside the IO thread's event loop: the events of every request an IO thread parsed in one turn of
 * its loop are written with one write and one fdatasync by a task that runs at the end of that turn, and only then
 * are those requests answered — all on the same thread, with no hand-off to another thread and back (which cost
 * most of the page's CPU, bench/RESULTS.md). Requests that arrive meanwhile wait in the socket buffers and form the
 * next turn's batch.
 */
final class LoopTurnCommit {
    private static final Logger LOG = LoggerFactory.getLogger(LoopTurnCommit.class);

    private final ClickLogWriter log;
    private final RedirectMetrics metrics;
    private final Map<XnioIoThread, Turn> turns = new ConcurrentHashMap<>();

    LoopTurnCommit(ClickLogWriter log, RedirectMetrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    /** Called on the exchange's IO thread; {@code respond} runs on it once the event is durable (or lost). */
    void add(HttpServerExchange exchange, TrackingEvent event, Runnable respond) {
        turns.computeIfAbsent(exchange.getIoThread(), Turn::new).add(event, respond);
    }

    /** One IO thread's batch; only that thread ever touches it. */
    private final class Turn {
        private final XnioIoThread thread;
        private List<TrackingEvent> events = new ArrayList<>();
        private List<Runnable> responses = new ArrayList<>();
        private long firstNanos;

        Turn(XnioIoThread thread) {
            this.thread = thread;
        }

        void add(TrackingEvent event, Runnable respond) {
            if (events.isEmpty()) {
                firstNanos = System.nanoTime();
                // Runs after the loop has handled every ready connection of this turn.
                thread.execute(this::commit);
            }
            events.add(event);
            responses.add(respond);
        }

        private void commit() {
            List<TrackingEvent> batch = events;
            List<Runnable> answers = responses;
            events = new ArrayList<>(batch.size());
            responses = new ArrayList<>(answers.size());
            log.writeNow(batch); // a failure is counted as lost by the writer; the recipients are answered anyway
            metrics.durableAfter(System.nanoTime() - firstNanos);
            for (Runnable answer : answers) {
                try {
                    answer.run();
                } catch (RuntimeException e) {
                    LOG.warn("Sending a tracking response failed", e);
                }
            }
        }
    }
}
