package cz.proklik.redirect;

import cz.proklik.redirect.junk.JunkLimits;
import cz.proklik.tracking.link.LinkFieldRules;

import java.util.List;
import java.util.Objects;

/**
 * How the redirect page listens and answers. Built by the CLI from proklik.properties, environment and flags.
 *
 * @param fallbackUrl      where a rejected click or unsubscribe link is sent: absolute http(s) URL, or a path on
 *                         this server ("/invalid" is the built-in "link not valid" page)
 * @param trustedProxies   addresses/CIDR ranges whose X-Forwarded-For is believed; empty = never
 * @param adminAllowedFrom addresses/CIDR ranges that may read /health and /metrics (the client as resolved
 *                         through trusted proxies; a forwarded request from an undeclared proxy never)
 * @param junk             what rejected requests may take of the click log and the server
 */
public record RedirectSettings(String bindHost, int port, int ioThreads, String fallbackUrl,
                               List<String> trustedProxies, List<String> adminAllowedFrom, int maxHeaderBytes,
                               String node, JunkLimits junk) {

    public static final String BUILT_IN_FALLBACK = "/invalid";

    /** With the default limits for rejected requests. */
    public RedirectSettings(String bindHost, int port, int ioThreads, String fallbackUrl, List<String> trustedProxies,
                            List<String> adminAllowedFrom, int maxHeaderBytes, String node) {
        this(bindHost, port, ioThreads, fallbackUrl, trustedProxies, adminAllowedFrom, maxHeaderBytes, node,
                JunkLimits.DEFAULTS);
    }

    public RedirectSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(junk, "junk");
        Objects.requireNonNull(fallbackUrl, "fallbackUrl");
        trustedProxies = List.copyOf(trustedProxies);
        adminAllowedFrom = List.copyOf(adminAllowedFrom);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("io threads must be at least 1");
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("max header size must be at least 1024 bytes");
        }
        if (!(fallbackUrl.startsWith("/") && !fallbackUrl.startsWith("//"))
                && !LinkFieldRules.isTarget(fallbackUrl)) {
            throw new IllegalArgumentException("fallback URL must be an absolute http(s) URL or a path: " + fallbackUrl);
        }
    }
}
