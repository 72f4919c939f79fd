package cz.proklik.redirect.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import cz.proklik.redirect.keys.KeyRingReload;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /health: is the click log being written, how many events were written and lost, which file is open, how much
 * disk is left, which keys verify. 200 while writing, 503 when not, so that a load balancer can take the node out.
 * It names no path and quotes no exception text: only file names, counters and fixed phrases.
 */
public final class HealthHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickLogWriter log;
    private final KeyRingReload keys;
    private final DiskSpace disk;
    private final long minFreeBytes;
    private final String node;

    public HealthHandler(ClickLogWriter log, KeyRingReload keys, DiskSpace disk, long minFreeBytes, String node) {
        this.log = log;
        this.keys = keys;
        this.disk = disk;
        this.minFreeBytes = minFreeBytes;
        this.node = node;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this); // the disk-space call may block
            return;
        }
        ClickLogWriter.Status status = log.status();
        long free = disk.freeBytes();
        boolean lowDisk = free >= 0 && free < minFreeBytes;
        KeyRingReload.State ring = keys.state();
        boolean keysBroken = !ring.error().isEmpty();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", !status.healthy() ? "DOWN" : lowDisk || keysBroken ? "WARN" : "UP");
        body.put("node", node);
        body.put("writing", status.healthy());
        body.put("eventsWritten", status.eventsWritten());
        body.put("eventsLost", status.eventsLost());
        body.put("openFile", status.openFile());
        body.put("eventsInVanishedFiles", status.eventsInVanishedFiles());
        body.put("filesClosed", status.filesClosed());
        body.put("freeDiskBytes", free);
        body.put("lowDisk", lowDisk);
        body.put("lastError", status.lastError());
        Map<String, Object> keyRing = new LinkedHashMap<>();
        keyRing.put("reloading", ring.reloading()); // false: PROKLIK_KEYS, fixed until a restart
        keyRing.put("activeKeys", ring.activeKeys());
        keyRing.put("retiredKeys", ring.retiredKeys());
        keyRing.put("loadedAt", ring.loadedAt().toString());
        keyRing.put("error", ring.error());
        body.put("keyRing", keyRing);
        exchange.setStatusCode(status.healthy() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json")
                .put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(JSON.writeValueAsBytes(body)));
    }
}
