package cz.proklik.redirect.tracking;

import cz.proklik.redirect.client.ClientAddressResolver;
import cz.proklik.redirect.junk.JunkBudget;
import cz.proklik.redirect.ops.RedirectMetrics;
import cz.proklik.tracking.clicklog.ClickLogWriter;
import cz.proklik.tracking.link.LinkCodec;
import cz.proklik.tracking.link.LinkKind;
import io.undertow.server.HttpHandler;

/** Builds the /c, /o and /u handlers over one shared context. */
public final class TrackingEndpoints {
    record Context(LinkCodec codec, ClientAddressResolver clientAddress, String node, String fallbackUrl,
                   Responses responses, RedirectMetrics metrics, LoopTurnCommit commit, JunkBudget junk) {
    }

    private final Context context;

    public TrackingEndpoints(LinkCodec codec, ClickLogWriter log, ClientAddressResolver clientAddress, String node,
                             String fallbackUrl, Responses responses, RedirectMetrics metrics, JunkBudget junk) {
        this.context = new Context(codec, clientAddress, node, fallbackUrl, responses, metrics,
                new LoopTurnCommit(log, metrics), junk);
    }

    public HttpHandler handler(LinkKind kind) {
        return new TrackingHandler(kind, context);
    }
}
