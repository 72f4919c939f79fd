package cz.proklik.redirect.ops;

import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.link.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The redirect page's Prometheus metrics. Counters are resolved once, so the hot path only increments.
 */
public final class RedirectMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<EventType, Counter> events = new EnumMap<>(EventType.class);
    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<RejectReason, Counter> unlogged = new EnumMap<>(RejectReason.class);
    private final Counter throttled;
    private final Counter oversized;
    private final Counter methodNotAllowed;
    private final Timer durableLatency;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public RedirectMetrics(ClickLogWriter log, DiskSpace disk) {
        for (EventType type : EventType.values()) {
            events.put(type, Counter.builder("proklik.events").description("Tracking requests answered, by event type")
                    .tag("type", type.code()).register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("proklik.rejected").description("Rejected links, by reason")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        for (RejectReason reason : RejectReason.values()) {
            unlogged.put(reason, Counter.builder("proklik.rejected.unlogged")
                    .description("Rejected links answered but not written: over the junk budget or the disk reserve")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        throttled = Counter.builder("proklik.rejected.throttled")
                .description("Rejected requests refused with 429: the client was over its rate").register(registry);
        oversized = Counter.builder("proklik.requests.oversized").description("Requests refused as too long")
                .register(registry);
        methodNotAllowed = Counter.builder("proklik.requests.method.not.allowed").register(registry);
        durableLatency = Timer.builder("proklik.log.durable.latency")
                .description("From request to its event being on disk (group commit)").register(registry);
        FunctionCounter.builder("proklik.log.events.written", log, l -> l.status().eventsWritten())
                .description("Events written and fsynced to the click log").register(registry);
        FunctionCounter.builder("proklik.log.events.lost", log, l -> l.status().eventsLost())
                .description("Events that could not be written (the client was still redirected)").register(registry);
        FunctionCounter.builder("proklik.log.events.vanished", log, l -> l.status().eventsInVanishedFiles())
                .description("Events durable in a file whose folder then went away (deleted, moved, unmounted)")
                .register(registry);
        FunctionCounter.builder("proklik.log.batches", log, l -> l.status().batches())
                .description("Group-commit batches (one write and one fsync each)").register(registry);
        FunctionCounter.builder("proklik.log.files.closed", log, l -> l.status().filesClosed()).register(registry);
        FunctionCounter.builder("proklik.log.files.preallocated", log, l -> l.status().filesPreallocated())
                .description("Files opened from a zero-filled spare (cheaper fsyncs)").register(registry);
        Gauge.builder("proklik.log.healthy", log, l -> l.status().healthy() ? 1 : 0)
                .description("1 while the click log is being written").register(registry);
        Gauge.builder("proklik.log.disk.free", disk, DiskSpace::freeBytes).baseUnit("bytes").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public void answered(EventType type) {
        events.get(type).increment();
    }

    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    public void unlogged(RejectReason reason) {
        unlogged.get(reason).increment();
    }

    public void throttled() {
        throttled.increment();
    }

    public void oversized() {
        oversized.increment();
    }

    public void methodNotAllowed() {
        methodNotAllowed.increment();
    }

    public void durableAfter(long nanos) {
        durableLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
