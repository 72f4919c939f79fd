package cz.proklik.importer.enrich;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * Shortens client addresses before they are stored: the last octet of IPv4 and the last 80 bits of IPv6 become
 * zero (the common "IP anonymisation" of web analytics), so an address points to a network, not a household.
 */
public final class IpAnonymizer {
    private static final int IPV4_KEEP_BITS = 24;
    private static final int IPV6_KEEP_BITS = 48;

    private final boolean enabled;

    public IpAnonymizer(boolean enabled) {
        this.enabled = enabled;
    }

    public String anonymize(String address) {
        if (!enabled || address == null || address.isEmpty()) {
            return address;
        }
        String v4 = ipv4Network(address);
        if (v4 != null) {
            return v4;
        }
        IPAddress ip = new IPAddressString(address).getAddress();
        if (ip == null) {
            return "";
        }
        IPAddress network = ip.isIPv4()
                ? ip.toPrefixBlock(IPV4_KEEP_BITS).getLower().withoutPrefixLength()
                : ip.toPrefixBlock(IPV6_KEEP_BITS).getLower().withoutPrefixLength();
        return network.isIPv4() ? network.toNormalizedString() : network.toCompressedString();
    }

    /** The network an anonymised address stands for: its /24 (IPv4) or /48 (IPv6) prefix block. */
    public static IPAddress network(IPAddress address) {
        return address.toPrefixBlock(address.isIPv4() ? IPV4_KEEP_BITS : IPV6_KEEP_BITS);
    }

    /** Whether {@code address} is already what {@link #anonymize} makes of it: the first address of its network. */
    public static boolean isAnonymised(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        IPAddress ip = new IPAddressString(address).getAddress();
        return ip != null && ip.withoutPrefixLength().equals(network(ip).getLower().withoutPrefixLength());
    }

    /**
     * The common case without a full parse (the import does this millions of times): a dotted IPv4 address of
     * four decimal octets becomes its /24 network. Anything else returns null and goes to the full parser.
     */
    static String ipv4Network(String address) {
        int dots = 0;
        int octet = 0;
        int digits = 0;
        int lastDot = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '.') {
                if (digits == 0 || ++dots > 3) {
                    return null;
                }
                lastDot = i;
                octet = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255 || (digits == 2 && octet < 10)) {
                    return null; // too long, out of range, or a leading zero
                }
            } else {
                return null;
            }
        }
        if (dots != 3 || digits == 0) {
            return null;
        }
        return address.substring(0, lastDot + 1) + "0";
    }
}
