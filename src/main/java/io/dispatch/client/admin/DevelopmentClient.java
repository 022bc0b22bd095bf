package io.dispatch.client.admin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.client.ClientId;
import io.dispatch.client.ClientTable;
import io.dispatch.client.keys.ApiKeyFormat;
import io.dispatch.client.keys.ApiKeyTable;
import io.dispatch.client.keys.SecurityProperties;
import io.dispatch.client.secrets.WebhookSecret;
import io.dispatch.client.secrets.WebhookSecrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the development client of {@code dispatch.security.development-client} at start-up, with
 * its fixed key and webhook secret, so that {@code ./mvnw spring-boot:run} and the README's curl
 * examples work with nothing in between. Only in the {@code dev} profile, whatever the settings say;
 * and never by giving the fixed key to a client of that name that some operator made. Every step is
 * idempotent, so instances may start together.
 */
@Component
@Profile("dev")
public class DevelopmentClient implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentClient.class);

    private final SecurityProperties properties;
    private final ClientTable clients;
    private final ApiKeyTable keys;
    private final WebhookSecrets secrets;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DevelopmentClient(SecurityProperties properties, ClientTable clients, ApiKeyTable keys, WebhookSecrets secrets,
            TransactionTemplate transaction, Clock clock) {
        this.properties = properties;
        this.clients = clients;
        this.keys = keys;
        this.secrets = secrets;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        SecurityProperties.DevelopmentClient development = properties.developmentClient();
        if (development == null) {
            return;
        }
        String keyId = ApiKeyFormat.keyId(development.key()).orElseThrow(() -> new IllegalStateException(
                "dispatch.security.development-client.key is not shaped like a client key (dsp_<16 characters>_<43>)"));
        WebhookSecret secret = new WebhookSecret(development.webhookSecret());
        Optional<ClientId> made = transaction.execute(status -> {
            Optional<ClientId> id = clients.insert(ClientId.random(), development.name(), clock.instant())
                    .map(ClientTable.StoredClient::id)
                    .or(() -> ownerOfTheKey(development.name(), keyId));
            id.ifPresent(clientId -> {
                keys.insert(keyId, clientId, ApiKeyFormat.hash(development.key()), clock.instant());
                // A fixed id, so the secret is stored once however often the service starts.
                secrets.add(clientId, secret, UUID.nameUUIDFromBytes(("development-secret:" + clientId)
                        .getBytes(StandardCharsets.UTF_8)));
            });
            return id;
        });
        if (made == null || made.isEmpty()) {
            log.error("A client named '{}' exists and does not hold the development key: the development key is "
                    + "not given to it, and there is no development client", development.name());
            return;
        }
        log.warn("Development client '{}' ({}) is active with its fixed key {} and the development admin key: "
                + "for development only, never in production", development.name(), made.get(), keyId);
    }

    /** The client of that name when it is the one an earlier start made, which holds the key already. */
    private Optional<ClientId> ownerOfTheKey(String name, String keyId) {
        return clients.findByName(name).map(ClientTable.StoredClient::id)
                .filter(id -> keys.ofClient(id).stream().anyMatch(key -> key.keyId().equals(keyId)));
    }
}
