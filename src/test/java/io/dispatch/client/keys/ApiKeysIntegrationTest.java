package io.dispatch.client.keys;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.CallbackReceiver.Received;
import io.dispatch.DispatchClient;
import io.dispatch.DispatchClient.Response;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TestClients.TestClient;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import com.standardwebhooks.Webhook;

import static io.dispatch.Signatures.headers;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/** docs/api.md §0 and §7: who may call, clients, their keys and their webhook secrets, over real HTTP. */
@IntegrationTest
class ApiKeysIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void refusesEveryCallWithoutAValidKeyWithTheSame401() {
        TestClient client = TestClients.create(port);
        DispatchClient anonymous = new DispatchClient(port);
        assertThat(client.api().delete("/api/v1/clients/" + client.clientId() + "/keys/" + client.keyId()).status())
                .as("a client cannot revoke").isEqualTo(403);
        String revoked = revokedKey();
        String path = "/api/v1/tickets/" + UUID.randomUUID();

        List<Response> refused = List.of(anonymous.get(path), anonymous.get(path, "Basic YWRtaW46YWRtaW4="),
                anonymous.get(path, "Bearer garbage"), anonymous.get(path, "Bearer"), anonymous.get(path, "Bearer a b"),
                anonymous.get(path, "Bearer " + client.key() + "x"),
                anonymous.get(path, "Bearer " + client.key().substring(0, 21) + "A".repeat(43)),
                anonymous.get(path, "Bearer " + revoked));

        for (Response response : refused) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).contains("Bearer");
            assertThat(response.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.json().get("type").asString()).isEqualTo("urn:dispatch:problem:unauthorized");
            assertThat(response.body()).isEqualTo(refused.get(0).body());
        }
        assertThat(client.api().get(path).status()).as("the valid key").isEqualTo(404);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void makesAClientWithAKeyAndASecretShownOnce() {
        DispatchClient admin = TestClients.admin(port);
        String name = "helpdesk-" + UUID.randomUUID().toString().substring(0, 8);

        Response made = admin.postJson("/api/v1/clients", Map.of("name", name));

        assertThat(made.status()).isEqualTo(201);
        JsonNode client = made.json();
        String clientId = client.get("clientId").asString();
        assertThat(made.header("Location")).contains("/api/v1/clients/" + clientId);
        assertThat(client.get("name").asString()).isEqualTo(name);
        assertThat(client.get("createdAt").asString()).isNotBlank();
        String key = client.get("apiKey").get("key").asString();
        assertThat(key).startsWith("dsp_");
        assertThat(client.get("webhookSecret").asString()).startsWith("whsec_");
        String listed = admin.get("/api/v1/clients").body();
        assertThat(listed).contains(clientId, client.get("apiKey").get("keyId").asString())
                .doesNotContain(key, client.get("webhookSecret").asString());
        JsonNode one = admin.get("/api/v1/clients/" + clientId).json();
        assertThat(one.get("keys").get(0).get("revokedAt").isNull()).isTrue();
        assertThat(admin.withKey(key).get("/api/v1/clients/me").json().get("name").asString()).isEqualTo(name);
    }

    @Test
    void answersBadClientsWithProblems() {
        DispatchClient admin = TestClients.admin(port);
        TestClient taken = TestClients.create(port);

        assertProblem(admin.postJson("/api/v1/clients", Map.of("name", taken.name())), 409, "client-name-taken");
        for (String name : List.of("", "Helpdesk", "help desk", "a".repeat(65), "hélp")) {
            Response response = admin.postJson("/api/v1/clients", Map.of("name", name));
            assertProblem(response, 400, "invalid-request");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        }
        assertProblem(admin.postJson("/api/v1/clients", Map.of()), 400, "invalid-request");
        for (String secret : List.of("whsec_short", "secret", "whsec_" + "A".repeat(120), "whsec_not*base64")) {
            Response response = admin.postJson("/api/v1/clients", Map.of("name", "ok-" + UUID.randomUUID()
                    .toString().substring(0, 8), "webhookSecret", secret));
            assertProblem(response, 400, "invalid-request");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("webhookSecret");
            assertThat(response.body()).doesNotContain(secret);
        }
        assertProblem(admin.post("/api/v1/clients", "application/json", "{not json"), 400, "malformed-body");
        assertProblem(admin.delete("/api/v1/clients/" + taken.clientId() + "/keys/nosuchkey"), 404, "key-not-found");
        assertProblem(admin.get("/api/v1/clients/" + UUID.randomUUID()), 404, "client-not-found");
        assertProblem(admin.get("/api/v1/clients/me"), 404, "client-not-found");
    }

    @Test
    void aNewKeyWorksAndARevokedOneIsRefusedAtOnceWhileTheOthersGoOn() {
        DispatchClient admin = TestClients.admin(port);
        TestClient client = TestClients.create(port);

        Response second = admin.post("/api/v1/clients/" + client.clientId() + "/keys");
        assertThat(second.status()).isEqualTo(201);
        String secondKey = second.json().get("key").asString();
        assertThat(admin.withKey(secondKey).get("/api/v1/clients/me").status()).isEqualTo(200);
        assertThat(client.api().get("/api/v1/clients/me").status()).isEqualTo(200);

        assertThat(admin.delete("/api/v1/clients/" + client.clientId() + "/keys/" + client.keyId()).status())
                .isEqualTo(204);

        assertThat(client.api().get("/api/v1/clients/me").status()).isEqualTo(401);
        assertThat(admin.withKey(secondKey).get("/api/v1/clients/me").status()).isEqualTo(200);
        await().atMost(ofSeconds(10)).untilAsserted(() -> {
            JsonNode keys = admin.get("/api/v1/clients/" + client.clientId()).json().get("keys");
            JsonNode first = keys.get(0).get("keyId").asString().equals(client.keyId()) ? keys.get(0) : keys.get(1);
            assertThat(first.get("revokedAt").isNull()).isFalse();
            assertThat(first.get("lastUsedAt").isNull()).isFalse();
        });
    }

    @Test
    void keepsAGivenSecretAndSignsWithIt() {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
                "a receiver's existing secret!".getBytes(StandardCharsets.UTF_8));
        Response made = TestClients.admin(port).postJson("/api/v1/clients",
                Map.of("name", "kept-" + UUID.randomUUID().toString().substring(0, 8), "webhookSecret", secret));
        assertThat(made.json().get("webhookSecret").asString()).isEqualTo(secret);
        DispatchClient api = new DispatchClient(port, made.json().get("apiKey").get("key").asString());
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();

        api.submitEchoTest(receiver.url());

        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);
        Received callback = receiver.received().get(0);
        assertThatCode(() -> new Webhook(secret).verify(callback.body(), headers(callback)))
                .doesNotThrowAnyException();
    }

    @Test
    void signsWithTheOldAndTheNewSecretWhileARotationOverlaps() {
        TestClient client = TestClients.create(port);
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();

        Response rotated = client.api().postJson("/api/v1/clients/me/webhook-secrets", Map.of());
        assertThat(rotated.status()).isEqualTo(201);
        String newSecret = rotated.json().get("secret").asString();
        JsonNode live = client.api().get("/api/v1/clients/me/webhook-secrets").json();
        assertThat(live).hasSize(2);
        assertThat(live.get(0).get("secret").asString()).isEqualTo(newSecret);
        assertThat(live.get(1).get("expiresAt").isNull()).isFalse();
        client.api().submitEchoTest(receiver.url());

        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);
        Received callback = receiver.received().get(0);
        String[] signatures = callback.header("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(verifiedBy(callback, signatures[0], newSecret, client.webhookSecret())).containsExactly(newSecret);
        assertThat(verifiedBy(callback, signatures[1], newSecret, client.webhookSecret()))
                .containsExactly(client.webhookSecret());
    }

    @Test
    void endsTheOldSecretsAtOnceWithAZeroOverlap() {
        TestClient client = TestClients.create(port);
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();

        Response rotated = TestClients.admin(port).postJson("/api/v1/clients/" + client.clientId() + "/webhook-secrets",
                Map.of("previousExpiresIn", "PT0S"));
        String newSecret = rotated.json().get("secret").asString();
        assertThat(client.api().get("/api/v1/clients/me/webhook-secrets").json()).hasSize(1);
        client.api().submitEchoTest(receiver.url());

        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);
        Received callback = receiver.received().get(0);
        assertThat(callback.header("webhook-signature").split(" ")).hasSize(1);
        assertThat(verifiedBy(callback, callback.header("webhook-signature"), newSecret, client.webhookSecret()))
                .containsExactly(newSecret);
        assertThat(client.api().postJson("/api/v1/clients/me/webhook-secrets", Map.of("previousExpiresIn", "-PT1S"))
                .status()).isEqualTo(400);
        Response tooLong = client.api().postJson("/api/v1/clients/me/webhook-secrets",
                Map.of("previousExpiresIn", "P30DT1S"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("previousExpiresIn");
        assertThat(client.api().get("/api/v1/clients/me/webhook-secrets").json()).hasSize(1);
    }

    @Test
    void theDatabaseHoldsNoKeyAndNoWebhookSecretInClear() {
        TestClient client = TestClients.create(port);
        String secretPart = client.webhookSecret().substring("whsec_".length());

        List<byte[]> ciphertexts = jdbc.sql("SELECT ciphertext FROM webhook_secrets WHERE client_id = :id::uuid")
                .param("id", client.clientId()).query(byte[].class).list();
        String keyRow = jdbc.sql("SELECT concat_ws('|', id, encode(key_hash, 'hex'), encode(key_hash, 'base64'), "
                + "encode(key_hash, 'escape')) FROM api_keys WHERE id = :id")
                .param("id", client.keyId()).query(String.class).single();

        assertThat(ciphertexts).hasSize(1);
        String stored = new String(ciphertexts.get(0), StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain("whsec_", secretPart,
                new String(java.util.Base64.getDecoder().decode(secretPart), StandardCharsets.ISO_8859_1));
        assertThat(keyRow).doesNotContain(client.key(), client.key().substring(21));
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_secrets WHERE position('whsec_'::bytea IN ciphertext) > 0")
                .query(Long.class).single()).isZero();
    }

    /** Which of the secrets this one signature verifies with. */
    private static List<String> verifiedBy(Received callback, String signature, String... secrets) {
        return java.util.Arrays.stream(secrets).filter(secret -> {
            try {
                new Webhook(secret).verify(callback.body(), headers(callback, signature));
                return true;
            }
            catch (Exception notThisOne) {
                return false;
            }
        }).toList();
    }

    private String revokedKey() {
        TestClient client = TestClients.create(port);
        TestClients.admin(port).delete("/api/v1/clients/" + client.clientId() + "/keys/" + client.keyId());
        return client.key();
    }

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("type").asString()).isEqualTo("urn:dispatch:problem:" + type);
        assertThat(response.json().get("instance").asString()).startsWith("/api/v1/clients");
    }
}
