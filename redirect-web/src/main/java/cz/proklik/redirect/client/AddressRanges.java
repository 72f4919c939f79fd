package cz.proklik.redirect.client;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A set of addresses and CIDR ranges, IPv4 and IPv6 ("10.0.0.0/8", "::1", "2001:db8::/32"). */
public final class AddressRanges {
    private final List<IPAddress> ranges;

    private AddressRanges(List<IPAddress> ranges) {
        this.ranges = ranges;
    }

    public static AddressRanges parse(List<String> specs) {
        List<IPAddress> ranges = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.strip();
            if (s.isEmpty()) {
                continue;
            }
            try {
                ranges.add(new IPAddressString(s).toAddress().toPrefixBlock());
            } catch (AddressStringException e) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + s);
            }
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(IPAddress address) {
        for (IPAddress range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** False for text that is no IP address. */
    public boolean contains(String address) {
        IPAddress parsed = Addresses.parse(address);
        return parsed != null && contains(parsed);
    }

    public boolean contains(InetAddress address) {
        return contains(Addresses.of(address));
    }
}
