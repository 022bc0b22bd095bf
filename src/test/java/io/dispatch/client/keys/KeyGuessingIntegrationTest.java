package io.dispatch.client.keys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing keys is throttled per source address, over real connections from different loopback
 * addresses: a flood of wrong keys from one is answered {@code 429} (its right keys too, so the
 * flood learns nothing), while another address goes on as before. The test profile allows 100
 * wrong keys per address.
 */
@IntegrationTest
class KeyGuessingIntegrationTest {

    private static final int ALLOWED = 100;

    @LocalServerPort
    int port;

    @Test
    void aFloodOfWrongBearerKeysFromOneAddressIsRefusedWhileAnotherGoesOn() throws IOException {
        String key = TestClients.create(port).key();
        Peer flood = new Peer("127.0.0.2");
        Peer other = new Peer("127.0.0.3");

        for (int i = 0; i < ALLOWED; i++) {
            assertThat(flood.get("/api/v1/tickets", "dsp_k" + i + "_made_up_key_that_does_not_exist").status())
                    .isEqualTo(401);
        }
        Reply refused = flood.get("/api/v1/tickets", "dsp_kx_made_up_key_that_does_not_exist");
        Reply rightKeyRefused = flood.get("/api/v1/tickets", key);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("content-type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("urn:dispatch:problem:too-many-failed-keys").doesNotContain("dsp_kx");
        assertThat(Long.parseLong(refused.header("retry-after"))).isBetween(1L, 60L);
        assertThat(rightKeyRefused.status()).isEqualTo(429);
        assertThat(other.get("/api/v1/tickets", key).status()).isEqualTo(200);
        assertThat(other.get("/api/v1/tickets", "dsp_ky_made_up_key_that_does_not_exist").status()).isEqualTo(401);
    }

    /** A revoked key is answered as an unknown one, but it was no guess: its client may keep presenting it. */
    @Test
    void aRevokedKeyPresentedAgainAndAgainIsNotTakenForGuessing() throws IOException {
        TestClients.TestClient client = TestClients.create(port);
        assertThat(TestClients.admin(port).delete("/api/v1/clients/" + client.clientId() + "/keys/" + client.keyId())
                .status()).isEqualTo(204);
        Peer revoked = new Peer("127.0.0.6");

        for (int i = 0; i <= ALLOWED; i++) {
            assertThat(revoked.get("/api/v1/tickets", client.key()).status()).isEqualTo(401);
        }
    }

    @Test
    void aFloodOfWrongSignInsFromOneAddressIsSentBackWhileAnotherSignsIn() throws IOException {
        String key = TestClients.create(port).key();
        Peer flood = new Peer("127.0.0.4");
        Peer other = new Peer("127.0.0.5");

        for (int i = 0; i < ALLOWED; i++) {
            assertThat(flood.signIn("wrong-key-" + i).header("location")).endsWith("/dashboard/sign-in?error");
        }

        assertThat(flood.signIn("wrong-key").header("location")).endsWith("/dashboard/sign-in?throttled");
        assertThat(flood.signIn(key).header("location")).endsWith("/dashboard/sign-in?throttled");
        assertThat(flood.page("/dashboard/sign-in?throttled").body()).contains("Too many wrong keys");
        assertThat(other.signIn(key).header("location")).endsWith("/dashboard");
    }

    record Reply(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }

    /** HTTP/1.0 over a socket bound to one loopback address, so that the server sees that address. */
    private final class Peer {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
        private final InetAddress address;
        private final List<String> cookies = new ArrayList<>();

        Peer(String address) throws IOException {
            this.address = InetAddress.getByName(address);
        }

        Reply get(String path, String key) throws IOException {
            return send("GET " + path, Map.of("Authorization", "Bearer " + key), "");
        }

        Reply page(String path) throws IOException {
            return send("GET " + path, Map.of(), "");
        }

        /** The sign-in form, filled in as a browser would: its page first, for the session and the CSRF token. */
        Reply signIn(String key) throws IOException {
            cookies.clear();
            Matcher token = CSRF.matcher(page("/dashboard/sign-in").body());
            assertThat(token.find()).as("the sign-in form's CSRF token").isTrue();
            String form = "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            return send("POST /dashboard/sign-in", Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
        }

        private Reply send(String requestLine, Map<String, String> headers, String body) throws IOException {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(address, 0));
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
                socket.setSoTimeout(10_000);
                StringBuilder request = new StringBuilder(requestLine).append(" HTTP/1.0\r\nHost: localhost:")
                        .append(port).append("\r\n");
                headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
                if (!cookies.isEmpty()) {
                    request.append("Cookie: ").append(String.join("; ", cookies)).append("\r\n");
                }
                byte[] content = body.getBytes(StandardCharsets.UTF_8);
                request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.flush();
                return read(socket.getInputStream());
            }
        }

        private Reply read(InputStream in) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String name = lines[i].substring(0, lines[i].indexOf(':')).toLowerCase();
                String value = lines[i].substring(lines[i].indexOf(':') + 1).trim();
                headers.put(name, value);
                if (name.equals("set-cookie")) {
                    cookies.add(value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';')));
                }
            }
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }
}
