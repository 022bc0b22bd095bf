package io.dispatch;

import java.util.Map;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

/**
 * Makes client applications through the API with the test admin key, as an operator would, so
 * that every test works as a client of its own and its tickets meet no other test's.
 */
public final class TestClients {

    /** The admin key of {@code application-test.yml}. */
    public static final String ADMIN_KEY = "dsp_admin_test_key_of_the_integration_tests";

    private TestClients() {
    }

    /** A client as the tests use it: its ids, its first key, its webhook secret and an API client with its key. */
    public record TestClient(String clientId, String name, String keyId, String key, String webhookSecret,
            DispatchClient api) {
    }

    /** A client row written straight into the table, for the slice tests that have no API to make one. */
    public static void insertRow(JdbcClient jdbc, ClientId id) {
        jdbc.sql("INSERT INTO clients (id, name, created_at) VALUES (:id, :name, now())")
                .param("id", id.value()).param("name", "jdbc-" + id).update();
    }

    public static DispatchClient admin(int port) {
        return new DispatchClient(port, ADMIN_KEY);
    }

    public static TestClient create(int port) {
        return create(admin(port), "test-" + UUID.randomUUID().toString().substring(0, 13));
    }

    public static TestClient create(DispatchClient admin, String name) {
        DispatchClient.Response made = admin.postJson("/api/v1/clients", Map.of("name", name));
        if (made.status() != 201) {
            throw new IllegalStateException("Could not make client " + name + ": " + made.status() + " " + made.body());
        }
        JsonNode client = made.json();
        String key = client.get("apiKey").get("key").asString();
        return new TestClient(client.get("clientId").asString(), name, client.get("apiKey").get("keyId").asString(),
                key, client.get("webhookSecret").asString(), admin.withKey(key));
    }
}
