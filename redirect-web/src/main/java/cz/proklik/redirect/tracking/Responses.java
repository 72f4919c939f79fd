package cz.proklik.redirect.tracking;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Every response the tracking endpoints send. None of them carries request data back into a header or a page,
 * so nothing a client sends can inject into what it gets.
 */
public final class Responses {
    /** The 43-byte transparent 1x1 GIF89a; its LZW data (44 01) ends with a proper end-of-information code. */
    public static final byte[] PIXEL_GIF =
            Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private static final HttpString REFERRER_POLICY = new HttpString("Referrer-Policy");
    private static final HttpString CONTENT_SECURITY_POLICY = new HttpString("Content-Security-Policy");
    private static final HttpString X_CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
    private static final HttpString X_FRAME_OPTIONS = new HttpString("X-Frame-Options");
    private static final HttpString X_ROBOTS_TAG = new HttpString("X-Robots-Tag");
    private static final String NO_STORE = "no-store";
    private static final String NEVER_CACHE = "no-store, no-cache, must-revalidate, max-age=0";
    private static final String EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT";

    private final ByteBuffer invalidPage = page("invalid.html");
    private final ByteBuffer unsubscribePage = page("unsubscribe.html");
    private final ByteBuffer unsubscribedPage = page("unsubscribed.html");
    private final ByteBuffer pixel = ByteBuffer.wrap(PIXEL_GIF).asReadOnlyBuffer();

    /**
     * 302 that no cache keeps (every click must reach us) and that leaks no referrer to the target (the tracking
     * URL carries the recipient's id).
     */
    public void redirect(HttpServerExchange exchange, String location) {
        exchange.setStatusCode(StatusCodes.FOUND);
        exchange.getResponseHeaders()
                .put(Headers.LOCATION, location)
                .put(Headers.CACHE_CONTROL, NO_STORE)
                .put(REFERRER_POLICY, "no-referrer")
                .put(X_ROBOTS_TAG, "noindex")
                .put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }

    public void pixel(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "image/gif")
                .put(Headers.CACHE_CONTROL, NEVER_CACHE)
                .put(Headers.PRAGMA, "no-cache")
                .put(Headers.EXPIRES, EXPIRED)
                .put(X_CONTENT_TYPE_OPTIONS, "nosniff")
                .put(REFERRER_POLICY, "no-referrer");
        send(exchange, pixel);
    }

    public void invalidPage(HttpServerExchange exchange) {
        html(exchange, invalidPage);
    }

    public void unsubscribePage(HttpServerExchange exchange) {
        html(exchange, unsubscribePage);
    }

    public void unsubscribedPage(HttpServerExchange exchange) {
        html(exchange, unsubscribedPage);
    }

    public void plain(HttpServerExchange exchange, int status, String text) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8")
                .put(Headers.CACHE_CONTROL, NO_STORE)
                .put(X_CONTENT_TYPE_OPTIONS, "nosniff");
        exchange.getResponseSender().send(text + "\n");
    }

    public void methodNotAllowed(HttpServerExchange exchange, String allow) {
        exchange.getResponseHeaders().put(Headers.ALLOW, allow);
        plain(exchange, StatusCodes.METHOD_NOT_ALLOWED, "method not allowed");
    }

    private void html(HttpServerExchange exchange, ByteBuffer page) {
        exchange.setStatusCode(StatusCodes.OK);
        exchange.getResponseHeaders()
                .put(Headers.CONTENT_TYPE, "text/html; charset=utf-8")
                .put(Headers.CACHE_CONTROL, NO_STORE)
                .put(CONTENT_SECURITY_POLICY, "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .put(X_FRAME_OPTIONS, "DENY")
                .put(X_CONTENT_TYPE_OPTIONS, "nosniff")
                .put(REFERRER_POLICY, "no-referrer");
        send(exchange, page);
    }

    private static void send(HttpServerExchange exchange, ByteBuffer body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.remaining());
        if (exchange.getRequestMethod().equals(Methods.HEAD)) {
            exchange.endExchange();
        } else {
            exchange.getResponseSender().send(body.duplicate());
        }
    }

    private static ByteBuffer page(String name) {
        try (InputStream in = Responses.class.getResourceAsStream("/cz/proklik/redirect/pages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page missing from the jar: " + name);
            }
            return ByteBuffer.wrap(in.readAllBytes()).asReadOnlyBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
