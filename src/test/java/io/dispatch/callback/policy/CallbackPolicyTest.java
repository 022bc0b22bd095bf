package io.dispatch.callback.policy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The policy's verdict on every address class. Names resolve through a scripted resolver, so
 * nothing here sends a packet: the policy only resolves and judges.
 */
class CallbackPolicyTest {

    private static final Map<String, String> DNS = Map.of(
            "public.example", "93.184.215.14",
            "metadata.example", "169.254.169.254",
            "mixed.example", "93.184.215.14");

    private final HostResolver resolver = host -> {
        if (host.equals("mixed.example")) {
            return List.of(InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.1"));
        }
        String address = DNS.get(host);
        if (address == null) {
            // Literal addresses are parsed, never looked up.
            if (host.matches("[0-9.]+|\\[?[0-9a-fA-F:.]+]?")) {
                return List.of(InetAddress.getByName(host));
            }
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
    };

    private final CallbackPolicy strict = new CallbackPolicy(resolver, false, List.of());

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource({
            "127.0.0.1, loopback",
            "127.8.9.10, loopback",
            "[::1], loopback",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "[fd00::1], unique local",
            "[fc12::1], unique local",
            "169.254.169.254, link-local",
            "[fe80::1], link-local",
            "100.64.0.1, carrier-grade NAT",
            "100.127.255.254, carrier-grade NAT",
            "224.0.0.1, multicast",
            "[ff02::1], multicast",
            "0.0.0.0, unspecified",
            "[::], unspecified",
            "255.255.255.255, broadcast",
            "[::ffff:10.0.0.1], private",
            "[2002:0a00:0001::1], private",
            "[64:ff9b::7f00:1], loopback",
            "metadata.example, link-local",
            // The rest of the IANA special-purpose ranges that are not globally reachable, a row each.
            "0.1.2.3, unspecified (0.0.0.0/8)",
            "192.0.0.8, IETF protocol assignments (192.0.0.0/24)",
            "192.0.2.1, documentation (192.0.2.0/24)",
            "192.88.99.1, 6to4 relay anycast (192.88.99.0/24)",
            "198.18.0.1, benchmarking (198.18.0.0/15)",
            "198.19.255.254, benchmarking (198.18.0.0/15)",
            "198.51.100.7, documentation (198.51.100.0/24)",
            "203.0.113.9, documentation (203.0.113.0/24)",
            "240.0.0.1, reserved (240.0.0.0/4)",
            "[::a00:1], IPv4-compatible (::/96)",
            "[64:ff9b:1::1], local-use NAT64 (64:ff9b:1::/48)",
            "[100::1], discard-only (100::/64)",
            "[100:0:0:1::1], dummy prefix (100:0:0:1::/64)",
            "[2001::1], IETF protocol assignments (2001::/23)",
            "[2001:db8::1], documentation (2001:db8::/32)",
            "[3fff::1], documentation (3fff::/20)",
            "[5f00::1], segment routing (5f00::/16)",
            "[fec0::1], site-local (fec0::/10)" })
    void refusesNonPublicAddresses(String host, String kind) {
        assertThat(strict.refusal(URI.create("http://" + host + "/callback")))
                .hasValueSatisfying(reason -> assertThat(reason).contains(kind));
    }

    @Test
    void leavesAHostWhoseLookupHangsToBeJudgedAtDeliveryInsteadOfHoldingTheRequest() {
        CountDownLatch answer = new CountDownLatch(1);
        HostResolver hanging = host -> {
            try {
                answer.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return List.of(InetAddress.getByName("10.0.0.1"));
        };
        CallbackPolicy bounded = new CallbackPolicy(hanging, false, List.of(), Duration.ofMillis(100));
        try {
            // The guard is only against hanging for ever; the bound itself is the policy's 100 ms.
            Optional<String> judged = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> bounded.refusal(URI.create("https://slow-dns.example/callback")));
            assertThat(judged).isEmpty();
        }
        finally {
            answer.countDown();
        }
    }

    @Test
    void namesTheRuleNotTheAddressANameResolvedTo() {
        assertThat(strict.refusal(URI.create("http://metadata.example/callback")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("link-local (169.254.0.0/16)")
                        .doesNotContain("169.254.169.254"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.215.14", "172.32.0.1", "100.128.0.1", "[2606:4700::1111]", "public.example",
            "198.20.0.1", "192.0.1.1", "[64:ff9b::5db8:d70e]", "[2001:200::1]" })
    void allowsPublicAddresses(String host) {
        assertThat(strict.refusal(URI.create("https://" + host + "/callback"))).isEmpty();
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsNonPublic() {
        assertThat(strict.refusal(URI.create("https://mixed.example/callback"))).isPresent();
    }

    @Test
    void leavesAnUnresolvableHostToBeJudgedAtDelivery() {
        assertThat(strict.refusal(URI.create("https://nowhere.example/callback"))).isEmpty();
        assertThatThrownBy(() -> strict.resolveAllowed("nowhere.example")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void refusesAtDeliveryTheAddressesItWouldDial() {
        assertThatThrownBy(() -> strict.resolveAllowed("metadata.example"))
                .isInstanceOf(CallbackPolicy.RefusedHostException.class)
                .hasMessageContaining("link-local");
    }

    @Test
    void opensToPrivateNetworksWhenAllowed() throws UnknownHostException {
        CallbackPolicy open = new CallbackPolicy(resolver, true, List.of());

        assertThat(open.refusal(URI.create("http://10.1.2.3/callback"))).isEmpty();
        assertThat(open.resolveAllowed("metadata.example")).hasSize(1);
    }

    @Test
    void letsAllowedHostsThroughWhateverTheyResolveTo() throws UnknownHostException {
        CallbackPolicy allowing = new CallbackPolicy(resolver, false, List.of("metadata.example", "*.internal.test"));

        assertThat(allowing.refusal(URI.create("http://metadata.example/callback"))).isEmpty();
        assertThat(allowing.resolveAllowed("metadata.example")).hasSize(1);
        assertThat(allowing.refusal(URI.create("http://10.1.2.3/callback"))).isPresent();
    }
}
