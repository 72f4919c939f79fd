package cz.proklik.redirect.client;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Conversions between JDK and ipaddress-library addresses, and the canonical text the click log stores. */
final class Addresses {
    private Addresses() {
    }

    static IPAddress of(InetAddress address) {
        IPAddress ip = address instanceof Inet4Address v4 ? new IPv4Address(v4) : new IPv6Address((Inet6Address) address);
        // An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; store it as the IPv4 it is.
        if (ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) {
            return ip.toIPv6().getEmbeddedIPv4Address();
        }
        return ip;
    }

    /** Parses one X-Forwarded-For entry; null when it is not a plain address (e.g. "unknown" or with a port). */
    static IPAddress parse(String text) {
        IPAddressString s = new IPAddressString(text.strip());
        IPAddress ip = s.getAddress();
        if (ip == null || ip.isPrefixed() || ip.isMultiple()) {
            return null;
        }
        if (ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) {
            return ip.toIPv6().getEmbeddedIPv4Address();
        }
        return ip;
    }

    /** Dotted IPv4, compressed lower-case IPv6 (RFC 5952). */
    static String text(IPAddress ip) {
        return ip.isIPv4() ? ip.toNormalizedString() : ip.toCompressedString();
    }
}
