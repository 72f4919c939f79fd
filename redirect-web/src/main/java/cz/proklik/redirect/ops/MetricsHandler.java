package cz.proklik.redirect.ops;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** /metrics in the Prometheus text format. */
public final class MetricsHandler implements HttpHandler {
    private final RedirectMetrics metrics;

    public MetricsHandler(RedirectMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // a scrape walks every meter: not work for the IO thread
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                .put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(metrics.scrape());
    }
}
