package cz.proklik.importer.enrich;

import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The per-event flag rules of docs/flags.md. Flags only mark an event; nothing is ever dropped for them.
 * Rules that need other rows (too fast after the send, click bursts) run in the database after each import.
 */
public final class EventClassifier {
    private static final Set<String> ROBOT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Hacker");
    /** Mail providers' image proxies fetch the open pixel because a person opened the e-mail. */
    private static final List<String> MAIL_IMAGE_PROXIES = List.of("GoogleImageProxy", "YahooMailProxy");
    /** Apple's Mail Privacy Protection proxy fetches images with exactly this User-Agent. */
    private static final String MPP_USER_AGENT = "Mozilla/5.0";

    private final UserAgentClassifier userAgents;
    private final List<IPAddress> scannerRanges;
    private final List<IPAddress> mppRanges;

    /**
     * @param scannerRanges CIDR ranges of link-scanning services known at this company (mail gateway, etc.)
     * @param mppRanges     CIDR ranges of Apple's privacy proxy (default 17.0.0.0/8, Apple's own network)
     */
    public EventClassifier(UserAgentClassifier userAgents, List<String> scannerRanges, List<String> mppRanges) {
        this.userAgents = userAgents;
        this.scannerRanges = ranges(scannerRanges);
        this.mppRanges = ranges(mppRanges);
    }

    public Classification classify(TrackingEvent event) {
        String ua = event.userAgent();
        UserAgentInfo info = userAgents.classify(ua);
        IPAddress ip = event.clientIp().isEmpty() ? null : new IPAddressString(event.clientIp()).getAddress();
        boolean open = event.type() == EventType.OPEN;
        boolean mailImageProxy = open && (MAIL_IMAGE_PROXIES.contains(info.agentName())
                || MAIL_IMAGE_PROXIES.stream().anyMatch(ua::contains));

        boolean prefetch = "HEAD".equals(event.method());
        boolean botUa = !mailImageProxy
                && (ROBOT_CLASSES.contains(info.deviceClass()) || ROBOT_CLASSES.contains(info.agentClass()));
        // A browser-like agent on a cloud host is a scanner's headless browser; a named robot there is just a bot.
        boolean scanner = !mailImageProxy
                && ("Special".equals(info.agentClass()) || (!botUa && info.operatingSystem().contains("Cloud"))
                || contains(scannerRanges, ip));
        boolean mpp = open && (MPP_USER_AGENT.equals(ua) || contains(mppRanges, ip));
        return new Classification(info, botUa, scanner, prefetch, mpp);
    }

    private static boolean contains(List<IPAddress> ranges, IPAddress ip) {
        if (ip == null) {
            return false;
        }
        for (IPAddress range : ranges) {
            if (range.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static List<IPAddress> ranges(List<String> specs) {
        List<IPAddress> out = new ArrayList<>();
        for (String spec : specs) {
            if (!spec.isBlank()) {
                IPAddress range = new IPAddressString(spec.strip()).getAddress();
                if (range == null) {
                    throw new IllegalArgumentException("not an IP address or CIDR range: " + spec);
                }
                out.add(range.toPrefixBlock());
            }
        }
        return List.copyOf(out);
    }
}
