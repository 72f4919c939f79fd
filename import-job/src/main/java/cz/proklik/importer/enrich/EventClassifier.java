package cz.proklik.importer.enrich;

import cz.proklik.tracking.event.EventType;
import cz.proklik.tracking.event.TrackingEvent;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-event flag rules of docs/flags.md. Flags only mark an event; nothing is ever dropped for them.
 * Rules that need other rows (too fast after the send, click bursts) run in the database after each import.
 */
public final class EventClassifier {
    private static final Set<String> ROBOT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Hacker");
    /** The rules version of docs/flags.md these rules implement, stored with every event they flag. */
    public static final int RULES_VERSION = 3;
    /** Yauaa's device classes of a person's handset. */
    private static final Set<String> HANDSETS = Set.of("Phone", "Tablet");
    /** Yauaa's device classes of a person's device: phones, tablets, televisions, set-top boxes, consoles. */
    private static final Set<String> PERSONS_DEVICES = Set.of("Phone", "Tablet", "TV", "Set-top box", "Game Console");
    /** Yauaa's agent classes of a browser. */
    private static final Set<String> BROWSERS = Set.of("Browser", "Browser Webview");
    /** Yauaa's agent classes when it found no agent, only (perhaps) a device. */
    private static final Set<String> NO_AGENT = Set.of("Hacker", "Special", "Unknown");
    /**
     * UC Browser's compact agent, {@code dv(device);pr(UCBrowser/version);ov(os);...}: a phone browser that
     * neither Yauaa nor the bot list parses (Yauaa sees an unknown "DV", isbot a bare product token).
     */
    private static final Pattern UC_COMPACT = Pattern.compile("^dv\\([^)]*\\);pr\\(UCBrowser/");
    /** Apple's Mail Privacy Protection proxy fetches images with exactly this User-Agent. */
    private static final String MPP_USER_AGENT = "Mozilla/5.0";

    private final UserAgentClassifier userAgents;
    private final BotList isbot;
    private final BotList matomo;
    /**
     * The mail providers' image proxies Matomo's list names (Gmail, Yahoo, Seznam, UkrNet, Rambler): they fetch the
     * open pixel because a person opened the e-mail.
     */
    private final BotList mailProxies;
    private final List<IPAddress> scannerRanges;
    private final List<IPAddress> mppRanges;

    /**
     * @param scannerRanges CIDR ranges of link-scanning services known at this company (mail gateway, etc.)
     * @param mppRanges     CIDR ranges of Apple's privacy proxy (default 17.0.0.0/8, Apple's own network)
     */
    public EventClassifier(UserAgentClassifier userAgents, List<String> scannerRanges, List<String> mppRanges) {
        this(userAgents, BotList.isbot(), BotList.matomo(), scannerRanges, mppRanges);
    }

    /**
     * @param isbot  the list whose verdict wins except on a browser Yauaa reads on a person's device (isbot's)
     * @param matomo the list that decides there, and whose verdict wins everywhere (Matomo device-detector's)
     */
    public EventClassifier(UserAgentClassifier userAgents, BotList isbot, BotList matomo, List<String> scannerRanges,
                           List<String> mppRanges) {
        this.userAgents = userAgents;
        this.isbot = isbot;
        this.matomo = matomo;
        this.mailProxies = matomo.mailProxies();
        this.scannerRanges = ranges(scannerRanges);
        this.mppRanges = ranges(mppRanges);
    }

    /** The per-event rules over an event as it arrived (the import: the full client address). */
    public Classification classify(TrackingEvent event) {
        IPAddress ip = event.clientIp().isEmpty() ? null : new IPAddressString(event.clientIp()).getAddress();
        return classify(event, ip, Prior.NONE);
    }

    /**
     * The per-event rules over a stored event whose client address was anonymised before it was stored (flags
     * recompute, {@code proklik.import.anonymize-ip}): the address stands for its whole network ({@link
     * IpAnonymizer}: IPv4 /24, IPv6 /48). A scanner or MPP range that holds that network matches, one apart from it
     * does not; a range inside it (narrower than the anonymisation) may or may not have held the full address, which
     * is gone, so that rule's flag stays as the import decided it with the full address ({@code prior}).
     */
    public Classification classifyAnonymised(TrackingEvent stored, Prior prior) {
        IPAddress ip = stored.clientIp().isEmpty() ? null : new IPAddressString(stored.clientIp()).getAddress();
        return classify(stored, ip == null ? null : IpAnonymizer.network(ip), prior);
    }

    /**
     * What the import decided for an event with its full address: its per-event scanner flag (not one a click
     * burst set) and its MPP flag.
     */
    public record Prior(boolean scanner, boolean mpp) {
        static final Prior NONE = new Prior(false, false);
    }

    /** {@code ip} is an address, or (anonymised) the prefix block of its network. */
    private Classification classify(TrackingEvent event, IPAddress ip, Prior prior) {
        String ua = event.userAgent();
        UserAgentInfo info = userAgents.classify(ua);
        boolean open = event.type() == EventType.OPEN;
        boolean mailProxy = mailProxies.matches(ua);
        // The proxy's open is the person's; whatever else it fetches (a link it previews) nobody asked for.
        boolean proxyOpen = open && mailProxy;

        boolean prefetch = "HEAD".equals(event.method()) || (mailProxy && !open);
        // An agent that is only a handset (a bare "iPhone14,2" from a mail app, UC Browser's compact form) is a
        // person's phone: both sources flag it by its shape alone, so the handset wins over either verdict.
        boolean handsetOnly = (HANDSETS.contains(info.deviceClass()) && NO_AGENT.contains(info.agentClass()))
                || UC_COMPACT.matcher(ua).find();
        boolean yauaaRobot = ROBOT_CLASSES.contains(info.deviceClass()) || ROBOT_CLASSES.contains(info.agentClass());
        // A bot verdict of Yauaa or of Matomo's list wins (docs/flags.md). isbot's wins too, except where Yauaa read a
        // person's device and a browser on it: isbot also judges by bare words and shapes (google, news, an agent
        // without spaces), so there the two sources disagree and the third, Matomo's list of named bots, decides.
        // Apple's privacy proxy opening the pixel is counted as MPP, its own flag, not as a bot.
        boolean mppAgent = open && MPP_USER_AGENT.equals(ua);
        boolean botUa = !proxyOpen && !handsetOnly && !mppAgent
                && (yauaaRobot || matomo.matches(ua) || (isbot.matches(ua) && !personsBrowser(info)));
        // A browser-like agent on a cloud host is a scanner's headless browser; a named robot there is just a bot.
        boolean scanner = !proxyOpen
                && (("Special".equals(info.agentClass()) && !handsetOnly)
                || (!botUa && info.operatingSystem().contains("Cloud")) || inRange(scannerRanges, ip, prior.scanner()));
        boolean mpp = mppAgent || (open && inRange(mppRanges, ip, prior.mpp()));
        return new Classification(info, botUa, scanner, prefetch, mpp);
    }

    /**
     * Whether Yauaa read a person's device (a phone, tablet, television, set-top box or console: not a desktop, whose
     * agent every tool imitates) and a browser as the agent: its positive verdict of a person, against which isbot's
     * verdict alone does not stand (bench/bots.sh: 20 real browser agents fewer flagged, 2 bots fewer).
     */
    private static boolean personsBrowser(UserAgentInfo info) {
        return PERSONS_DEVICES.contains(info.deviceClass()) && BROWSERS.contains(info.agentClass());
    }

    /**
     * Whether {@code ip} (an address, or the block of an anonymised one) is in one of the ranges; {@code undecided}
     * when the only ranges it meets lie inside the block, where the full address would have decided.
     */
    private static boolean inRange(List<IPAddress> ranges, IPAddress ip, boolean undecided) {
        if (ip == null) {
            return false;
        }
        boolean inside = false;
        for (IPAddress range : ranges) {
            if (range.contains(ip)) {
                return true;
            }
            // Ranges are prefix blocks: two of them either nest or are apart.
            inside |= ip.contains(range);
        }
        return inside && undecided;
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
