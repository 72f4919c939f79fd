package cz.proklik.redirect.ops;

import cz.proklik.redirect.client.AddressRanges;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * Lets only the configured operator networks read /health and /metrics: the redirect page is public, its
 * counters are not. Decided on the socket peer, never on X-Forwarded-For.
 */
public final class AdminOnly implements HttpHandler {
    private final AddressRanges allowed;
    private final HttpHandler next;

    public AdminOnly(AddressRanges allowed, HttpHandler next) {
        this.allowed = allowed;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (allowed.contains(exchange.getSourceAddress().getAddress())) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setStatusCode(StatusCodes.FORBIDDEN);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("forbidden\n");
    }
}
