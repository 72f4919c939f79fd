package cz.proklik.redirect.tracking;

import cz.proklik.redirect.client.ClientAddressResolver;
import cz.proklik.redirect.junk.JunkBudget;
import cz.proklik.redirect.ops.RedirectMetrics;
import cz.proklik.tracking.event.EventIds;
import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkFieldRules;
import cz.proklik.tracking.link.LinkKind;
import cz.proklik.tracking.link.LinkVerification;
import cz.proklik.tracking.link.TargetUrls;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.SameThreadExecutor;
import io.undertow.util.StatusCodes;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * One of /c, /o, /u. Verifies the link on the IO thread (an HMAC takes about a microsecond), and answers only once
 * the event is durable — or lost, in which case the recipient is answered all the same — through the group commit
 * at the end of the IO thread's loop turn (LoopTurnCommit).
 */
public final class TrackingHandler implements HttpHandler {
    private static final HttpString X_FORWARDED_FOR = new HttpString("X-Forwarded-For");
    /** A rejected line's bytes besides its user agent and path: ids, time, address, checksum, separators. */
    private static final int LINE_OVERHEAD_BYTES = 160;

    private final LinkKind kind;
    private final LinkCodec codec;
    private final ClientAddressResolver clientAddress;
    private final String node;
    private final String fallbackUrl;
    private final Responses responses;
    private final RedirectMetrics metrics;
    private final LoopTurnCommit commit;
    private final JunkBudget junk;

    TrackingHandler(LinkKind kind, TrackingEndpoints.Context context) {
        this.kind = kind;
        this.codec = context.codec();
        this.clientAddress = context.clientAddress();
        this.node = context.node();
        this.fallbackUrl = context.fallbackUrl();
        this.responses = context.responses();
        this.metrics = context.metrics();
        this.commit = context.commit();
        this.junk = context.junk();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        HttpString method = exchange.getRequestMethod();
        boolean post = method.equals(Methods.POST);
        if (!(method.equals(Methods.GET) || method.equals(Methods.HEAD) || (post && kind == LinkKind.UNSUBSCRIBE))) {
            metrics.methodNotAllowed();
            responses.methodNotAllowed(exchange, kind == LinkKind.UNSUBSCRIBE ? "GET, HEAD, POST" : "GET, HEAD");
            return;
        }
        String path = exchange.getRelativePath();
        String token = path.startsWith("/") ? path.substring(1) : path;
        if (token.length() > LinkFieldRules.MAX_TOKEN_LENGTH) {
            metrics.oversized();
            responses.plain(exchange, StatusCodes.REQUEST_URI_TOO_LARGE, "link too long");
            return;
        }
        LinkVerification verification = codec.verify(kind, token);
        if (verification instanceof LinkVerification.Valid valid) {
            if (kind == LinkKind.UNSUBSCRIBE && !post) {
                // Only the POST unsubscribes: mail scanners and link previews fetch with GET.
                responses.unsubscribePage(exchange);
                return;
            }
            TrackingEvent event = TrackingEvent.accepted(EventIds.next(), Instant.now(), method.toString(), valid,
                    clientIp(exchange), UserAgentHeader.of(exchange), node);
            logThenRespond(exchange, event, x -> respondValid(x, valid));
        } else {
            respondToRejected(exchange, method, (LinkVerification.Rejected) verification);
        }
    }

    /** Logged, counted only, or refused, as the junk budget says: junk never crowds out genuine clicks (issue 19.4). */
    private void respondToRejected(HttpServerExchange exchange, HttpString method, LinkVerification.Rejected rejected) {
        metrics.rejected(rejected.reason());
        String ip = clientIp(exchange);
        String ua = UserAgentHeader.of(exchange);
        String path = exchange.getRequestPath();
        switch (junk.judge(ip, LINE_OVERHEAD_BYTES + ua.length() + Math.min(path.length(), 256))) {
            case THROTTLE -> {
                metrics.throttled();
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, 10);
                responses.plain(exchange, StatusCodes.TOO_MANY_REQUESTS, "too many requests");
            }
            case COUNT -> {
                metrics.unlogged(rejected.reason());
                metrics.answered(EventType.REJECTED);
                respondRejected(exchange);
            }
            case LOG -> logThenRespond(exchange, TrackingEvent.rejected(EventIds.next(), Instant.now(),
                    method.toString(), rejected, ip, ua, node, path), this::respondRejected);
        }
    }

    private void respondValid(HttpServerExchange exchange, LinkVerification.Valid valid) {
        switch (kind) {
            case CLICK -> responses.redirect(exchange, TargetUrls.forHeader(valid.link().target()));
            case OPEN -> responses.pixel(exchange);
            case UNSUBSCRIBE -> responses.unsubscribedPage(exchange);
        }
    }

    /** Never the link's own target. A pixel still gets a pixel: a broken image in an e-mail helps nobody. */
    private void respondRejected(HttpServerExchange exchange) {
        if (kind == LinkKind.OPEN) {
            responses.pixel(exchange);
        } else {
            responses.redirect(exchange, fallbackUrl);
        }
    }

    private void logThenRespond(HttpServerExchange exchange, TrackingEvent event,
                                Consumer<HttpServerExchange> respond) {
        metrics.answered(event.type());
        // Dispatching with the same-thread executor only marks the exchange as not finished when this handler
        // returns; it is answered at the end of this loop turn, once its event is on disk (LoopTurnCommit).
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> commit.add(exchange, event, () -> respond.accept(exchange)));
    }

    private String clientIp(HttpServerExchange exchange) {
        HeaderValues forwarded = exchange.getRequestHeaders().get(X_FORWARDED_FOR);
        return clientAddress.resolve(exchange.getSourceAddress().getAddress(),
                forwarded == null ? List.of() : forwarded);
    }
}
