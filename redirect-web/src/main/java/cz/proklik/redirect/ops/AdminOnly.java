package cz.proklik.redirect.ops;

import cz.proklik.redirect.client.AddressRanges;
import cz.proklik.redirect.client.ClientAddressResolver;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.net.InetAddress;
import java.util.List;

/**
 * Lets only the configured operator addresses read /health and /metrics, with GET or HEAD: the redirect page is
 * public, its counters are not.
 *
 * <p>Who asks is decided as for the click log: the socket peer, or, when the peer is a trusted proxy, the client
 * its X-Forwarded-For names. A request that carries X-Forwarded-For or Forwarded from a peer that is <em>not</em> a
 * trusted proxy came through a proxy nobody declared, and is refused: otherwise a reverse proxy on the loopback or a
 * private address would make these pages public (issue 19.9).
 */
public final class AdminOnly implements HttpHandler {
    private static final HttpString X_FORWARDED_FOR = new HttpString("X-Forwarded-For");
    private static final HttpString FORWARDED = new HttpString("Forwarded");

    private final AddressRanges allowed;
    private final AddressRanges trustedProxies;
    private final ClientAddressResolver clients;
    private final HttpHandler next;

    public AdminOnly(AddressRanges allowed, AddressRanges trustedProxies, HttpHandler next) {
        this.allowed = allowed;
        this.trustedProxies = trustedProxies;
        this.clients = new ClientAddressResolver(trustedProxies);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!(exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD))) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            refuse(exchange, StatusCodes.METHOD_NOT_ALLOWED, "method not allowed\n");
            return;
        }
        if (isAdmin(exchange)) {
            next.handleRequest(exchange);
            return;
        }
        refuse(exchange, StatusCodes.FORBIDDEN, "forbidden\n");
    }

    private boolean isAdmin(HttpServerExchange exchange) {
        InetAddress peer = exchange.getSourceAddress().getAddress();
        HeaderValues forwardedFor = exchange.getRequestHeaders().get(X_FORWARDED_FOR);
        boolean forwarded = forwardedFor != null || exchange.getRequestHeaders().contains(FORWARDED);
        if (!trustedProxies.contains(peer)) {
            return !forwarded && allowed.contains(peer);
        }
        if (forwardedFor == null && forwarded) {
            return false; // RFC 7239 only: the proxy names its client in a header we do not read
        }
        String client = clients.resolve(peer, forwardedFor == null ? List.of() : forwardedFor);
        return allowed.contains(client);
    }

    private static void refuse(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8")
                .put(Headers.CACHE_CONTROL, "no-store");
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(text);
        }
    }
}
