package cz.proklik.redirect.client;

import inet.ipaddr.IPAddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * The client's address: the socket peer, unless the peer is a configured trusted proxy, in which case the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy. Anyone can send X-Forwarded-For, so it is
 * believed only as far as the chain of trusted proxies goes.
 */
public final class ClientAddressResolver {
    private final AddressRanges trustedProxies;

    public ClientAddressResolver(AddressRanges trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** @param forwardedFor every X-Forwarded-For header value, in order (may be empty) */
    public String resolve(InetAddress peer, List<String> forwardedFor) {
        if (trustedProxies.isEmpty() && peer instanceof Inet4Address) {
            return peer.getHostAddress(); // the common case, on every request: no parsing needed
        }
        IPAddress client = Addresses.of(peer);
        if (trustedProxies.isEmpty() || forwardedFor.isEmpty() || !trustedProxies.contains(client)) {
            return Addresses.text(client);
        }
        for (int h = forwardedFor.size() - 1; h >= 0; h--) {
            String[] hops = forwardedFor.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                IPAddress hop = Addresses.parse(hops[i]);
                if (hop == null) {
                    // A hop we cannot read ends what we can vouch for: the last proxy that passed it is the client.
                    return Addresses.text(client);
                }
                client = hop;
                if (!trustedProxies.contains(hop)) {
                    return Addresses.text(hop);
                }
            }
        }
        return Addresses.text(client);
    }
}
