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
        IPAddress ip = new IPAddressString(address).getAddress();
        if (ip == null) {
            return "";
        }
        IPAddress network = ip.isIPv4()
                ? ip.toPrefixBlock(IPV4_KEEP_BITS).getLower().withoutPrefixLength()
                : ip.toPrefixBlock(IPV6_KEEP_BITS).getLower().withoutPrefixLength();
        return network.isIPv4() ? network.toNormalizedString() : network.toCompressedString();
    }
}
