package io.dispatch.callback.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a callback may not reach: every range the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries do not mark globally reachable, and multicast, each named for the refusal.
 * Two IPv6 ranges carry an IPv4 address that is what is really dialled (6to4, and NAT64's
 * well-known prefix); those are judged by the address inside.
 */
final class AddressClass {

    /** One range of the table: its name in a refusal, and its prefix. */
    record Range(String rule, String cidr, byte[] prefix, int bits) {

        static Range of(String rule, String cidr) {
            try {
                byte[] prefix = InetAddress.getByName(cidr.substring(0, cidr.indexOf('/'))).getAddress();
                return new Range(rule, cidr, prefix, Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1)));
            }
            catch (UnknownHostException notALiteral) {
                throw new IllegalArgumentException(cidr, notALiteral);
            }
        }

        boolean contains(byte[] address) {
            if (prefix.length != address.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((prefix[bit / 8] & mask) != (address[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return rule + " (" + cidr + ")";
        }
    }

    /** In order: the first range that holds an address names it. */
    static final List<Range> IPV4 = List.of(
            Range.of("unspecified", "0.0.0.0/8"),
            Range.of("private", "10.0.0.0/8"),
            Range.of("carrier-grade NAT", "100.64.0.0/10"),
            Range.of("loopback", "127.0.0.0/8"),
            Range.of("link-local", "169.254.0.0/16"),
            Range.of("private", "172.16.0.0/12"),
            Range.of("IETF protocol assignments", "192.0.0.0/24"),
            Range.of("documentation", "192.0.2.0/24"),
            Range.of("6to4 relay anycast", "192.88.99.0/24"),
            Range.of("private", "192.168.0.0/16"),
            Range.of("benchmarking", "198.18.0.0/15"),
            Range.of("documentation", "198.51.100.0/24"),
            Range.of("documentation", "203.0.113.0/24"),
            Range.of("multicast", "224.0.0.0/4"),
            Range.of("broadcast", "255.255.255.255/32"),
            Range.of("reserved", "240.0.0.0/4"));

    static final List<Range> IPV6 = List.of(
            Range.of("unspecified", "::/128"),
            Range.of("loopback", "::1/128"),
            Range.of("IPv4-compatible", "::/96"),
            Range.of("local-use NAT64", "64:ff9b:1::/48"),
            Range.of("discard-only", "100::/64"),
            Range.of("dummy prefix", "100:0:0:1::/64"),
            Range.of("IETF protocol assignments", "2001::/23"),
            Range.of("documentation", "2001:db8::/32"),
            Range.of("documentation", "3fff::/20"),
            Range.of("segment routing", "5f00::/16"),
            Range.of("unique local", "fc00::/7"),
            Range.of("link-local", "fe80::/10"),
            Range.of("site-local", "fec0::/10"),
            Range.of("multicast", "ff00::/8"));

    private static final Range SIX_TO_FOUR = Range.of("6to4", "2002::/16");
    private static final Range NAT64 = Range.of("NAT64", "64:ff9b::/96");

    private AddressClass() {
    }

    /** The range that refuses this address, if one does. */
    static Optional<Range> refusing(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return first(IPV4, bytes);
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return embedded(bytes, 2);
        }
        if (NAT64.contains(bytes)) {
            return embedded(bytes, 12);
        }
        return first(IPV6, bytes);
    }

    private static Optional<Range> first(List<Range> table, byte[] address) {
        return table.stream().filter(range -> range.contains(address)).findFirst();
    }

    private static Optional<Range> embedded(byte[] a, int offset) {
        return first(IPV4, new byte[] { a[offset], a[offset + 1], a[offset + 2], a[offset + 3] });
    }
}
