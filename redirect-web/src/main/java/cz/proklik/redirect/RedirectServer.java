package cz.proklik.redirect;

import cz.proklik.redirect.client.AddressRanges;
import cz.proklik.redirect.client.ClientAddressResolver;
import cz.proklik.redirect.junk.JunkBudget;
import cz.proklik.redirect.keys.KeyRingReload;
import cz.proklik.redirect.ops.AdminOnly;
import cz.proklik.redirect.ops.DiskSpace;
import cz.proklik.redirect.ops.HealthHandler;
import cz.proklik.redirect.ops.MetricsHandler;
import cz.proklik.redirect.ops.RedirectMetrics;
import cz.proklik.redirect.tracking.Responses;
import cz.proklik.redirect.tracking.TrackingEndpoints;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The public redirect page: /c (click), /o (open pixel), /u (unsubscribe), /health, /metrics, and the built-in
 * fallback page /invalid. It holds no database access: every event goes to the local click log.
 */
public final class RedirectServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedirectServer.class);
    private static final long MIN_FREE_DISK_BYTES = 100L << 20;
    private static final int MAX_ENTITY_BYTES = 16 * 1024;

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final ClickLogWriter log;
    private final RedirectMetrics metrics;
    private final KeyRingReload keys;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedirectServer(Undertow undertow, GracefulShutdownHandler graceful, ClickLogWriter log,
                           RedirectMetrics metrics, KeyRingReload keys) {
        this.keys = keys;
        this.undertow = undertow;
        this.graceful = graceful;
        this.log = log;
        this.metrics = metrics;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** Starts listening with a key ring that stays as it is (tests, the demo). */
    public static RedirectServer start(RedirectSettings settings, LinkCodec codec, ClickLogWriter log) {
        return start(settings, codec, log, KeyRingReload.fixed(codec));
    }

    /**
     * Starts listening. The server owns {@code log} and {@code keys} from now on and closes them; the log last.
     *
     * @param keys keeps {@code codec} on the current key ring, and tells /health how that goes
     */
    public static RedirectServer start(RedirectSettings settings, LinkCodec codec, ClickLogWriter log,
                                       KeyRingReload keys) {
        DiskSpace disk = new DiskSpace(log.settings().dir());
        RedirectMetrics metrics = new RedirectMetrics(log, disk);
        Responses responses = new Responses();
        AddressRanges proxies = AddressRanges.parse(settings.trustedProxies());
        TrackingEndpoints tracking = new TrackingEndpoints(codec, log, new ClientAddressResolver(proxies),
                settings.node(), settings.fallbackUrl(), responses, metrics,
                new JunkBudget(settings.junk(), disk, System::nanoTime));
        AddressRanges admins = AddressRanges.parse(settings.adminAllowedFrom());

        PathHandler paths = Handlers.path(exchange -> responses.plain(exchange, StatusCodes.NOT_FOUND, "not found"))
                .addPrefixPath("/" + LinkKind.CLICK.pathSegment(), tracking.handler(LinkKind.CLICK))
                .addPrefixPath("/" + LinkKind.OPEN.pathSegment(), tracking.handler(LinkKind.OPEN))
                .addPrefixPath("/" + LinkKind.UNSUBSCRIBE.pathSegment(), tracking.handler(LinkKind.UNSUBSCRIBE))
                .addExactPath("/health", new AdminOnly(admins, proxies,
                        new HealthHandler(log, keys, disk, MIN_FREE_DISK_BYTES, settings.node())))
                .addExactPath("/metrics", new AdminOnly(admins, proxies, new MetricsHandler(metrics)))
                .addExactPath(RedirectSettings.BUILT_IN_FALLBACK, exchange -> {
                    if (exchange.getRequestMethod().equals(Methods.GET) || exchange.getRequestMethod().equals(Methods.HEAD)) {
                        responses.invalidPage(exchange);
                    } else {
                        responses.methodNotAllowed(exchange, "GET, HEAD");
                    }
                });
        GracefulShutdownHandler graceful = Handlers.gracefulShutdown(
                new NoServerErrors(paths, settings.fallbackUrl(), responses));

        Undertow undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.bindHost())
                .setIoThreads(settings.ioThreads())
                .setWorkerThreads(4) // only /health and /metrics ever leave the IO threads
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, settings.maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) MAX_ENTITY_BYTES)
                .setServerOption(UndertowOptions.MAX_HEADERS, 100)
                .setServerOption(UndertowOptions.MAX_PARAMETERS, 100)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 10_000) // slow-loris
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, false)
                // Tokens are base64url: there is nothing to percent-decode, and a %-escape makes a link malformed.
                .setServerOption(UndertowOptions.DECODE_URL, false)
                .setSocketOption(Options.BACKLOG, 1024)
                .setHandler(graceful)
                .build();
        undertow.start();
        RedirectServer server = new RedirectServer(undertow, graceful, log, metrics, keys);
        LOG.info("Redirect page listening on {}:{} (node {}, click log {})", settings.bindHost(), server.port,
                settings.node(), log.settings().dir());
        return server;
    }

    public int port() {
        return port;
    }

    public ClickLogWriter log() {
        return log;
    }

    /** Stops taking requests, lets those in flight finish, then closes the click log (fsync, rename to .csv). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        graceful.shutdown();
        try {
            if (!graceful.awaitShutdown(10_000)) {
                LOG.warn("Requests still in flight after 10 s; stopping anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
        keys.close();
        log.close();
        metrics.close();
    }

    /** Whatever goes wrong inside a handler, the client gets the fallback page, never a 5xx. */
    private record NoServerErrors(HttpHandler next, String fallbackUrl, Responses responses) implements HttpHandler {
        @Override
        public void handleRequest(HttpServerExchange exchange) {
            try {
                next.handleRequest(exchange);
            } catch (Exception | Error e) {
                // The path holds a link's token (campaign, recipient) or whatever a client sent: debug only.
                LOG.error("A request failed ({}); sending the fallback page", e.getClass().getName());
                LOG.debug("Request {} failed", exchange.getRequestPath(), e);
                if (!exchange.isResponseStarted()) {
                    exchange.getResponseHeaders().clear();
                    responses.redirect(exchange, fallbackUrl);
                }
            }
        }
    }
}
