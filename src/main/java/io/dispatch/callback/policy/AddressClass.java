package io.dispatch.callback.policy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Names the kind of non-public address an address is, if it is one. */
final class AddressClass {

    private AddressClass() {
    }

    static Optional<String> nonPublic(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address v4) {
            return ipv4(v4.getAddress());
        }
        return ipv6(address.getAddress());
    }

    private static Optional<String> ipv4(byte[] a) {
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        if (b0 == 0) {
            return Optional.of("unspecified");
        }
        if (b0 == 10 || (b0 == 172 && b1 >= 16 && b1 <= 31) || (b0 == 192 && b1 == 168)) {
            return Optional.of("private");
        }
        if (b0 == 100 && b1 >= 64 && b1 <= 127) {
            return Optional.of("carrier-grade NAT");
        }
        if (b0 == 255 && (a[1] & a[2] & a[3] & 0xff) == 0xff) {
            return Optional.of("broadcast");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] a) {
        if ((a[0] & 0xfe) == 0xfc) {
            return Optional.of("unique local");
        }
        if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0xc0) {
            return Optional.of("site-local");
        }
        // 6to4 (2002::/16) and NAT64 (64:ff9b::/96) carry an IPv4 address that is what is really dialled.
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return embedded(a, 2);
        }
        if (isNat64(a)) {
            return embedded(a, 12);
        }
        return Optional.empty();
    }

    private static boolean isNat64(byte[] a) {
        byte[] prefix = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> embedded(byte[] a, int offset) {
        byte[] v4 = { a[offset], a[offset + 1], a[offset + 2], a[offset + 3] };
        try {
            return nonPublic(InetAddress.getByAddress(v4));
        }
        catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
