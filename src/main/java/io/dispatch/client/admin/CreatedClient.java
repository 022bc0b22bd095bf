package io.dispatch.client.admin;

import java.time.Instant;
import java.util.UUID;

/** The answer to making a client: its first key and its webhook secret, shown this once (the secret also later). */
public record CreatedClient(UUID clientId, String name, Instant createdAt, ApiKey apiKey, String webhookSecret) {

    public record ApiKey(String keyId, String key) {

        @Override
        public String toString() {
            return "ApiKey[keyId=" + keyId + ", key hidden]";
        }
    }

    @Override
    public String toString() {
        return "CreatedClient[clientId=" + clientId + ", name=" + name + ", apiKey=" + apiKey + ", webhookSecret hidden]";
    }
}
