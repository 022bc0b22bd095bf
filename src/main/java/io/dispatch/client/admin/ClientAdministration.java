package io.dispatch.client.admin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Validator;

import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.client.ClientTable;
import io.dispatch.client.keys.ApiKeyFormat;
import io.dispatch.client.keys.ApiKeyTable;
import io.dispatch.client.keys.KeyIntrospector;
import io.dispatch.client.keys.NewKey;
import io.dispatch.client.secrets.RotationRequest;
import io.dispatch.client.secrets.SecretView;
import io.dispatch.client.secrets.WebhookSecret;
import io.dispatch.client.secrets.WebhookSecrets;
import io.dispatch.system.ApiException;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.JsonFieldViolations;
import io.dispatch.system.ProblemType;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators do with clients, keys and secrets, and what a client may do with its own. A
 * client that names another client's id is answered as if that client did not exist.
 */
@Service
public class ClientAdministration {

    private final ClientTable clients;
    private final ApiKeyTable keys;
    private final WebhookSecrets secrets;
    private final KeyIntrospector introspector;
    private final Validator validator;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ClientAdministration(ClientTable clients, ApiKeyTable keys, WebhookSecrets secrets, KeyIntrospector introspector,
            Validator validator, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.secrets = secrets;
        this.introspector = introspector;
        this.validator = validator;
        this.clock = clock;
    }

    @Transactional
    public CreatedClient create(NewClientRequest request) {
        List<FieldViolation> violations = new ArrayList<>(
                JsonFieldViolations.of(validator.validate(request), NewClientRequest.class));
        WebhookSecret secret = WebhookSecret.random(random);
        if (request.webhookSecret() != null) {
            try {
                secret = new WebhookSecret(request.webhookSecret());
            }
            catch (IllegalArgumentException malformed) {
                violations.add(new FieldViolation("webhookSecret", malformed.getMessage()));
            }
        }
        String name = request.name();
        if (!violations.isEmpty() || name == null) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The request has invalid fields.", violations);
        }
        ClientTable.StoredClient client = clients.insert(ClientId.random(), name, clock.instant())
                .orElseThrow(() -> new ApiException(ProblemType.CLIENT_NAME_TAKEN,
                        "There is a client named '" + name + "' already."));
        NewKey key = issueKey(client.id());
        secrets.add(client.id(), secret, UUID.randomUUID());
        return new CreatedClient(client.id().value(), client.name(), client.createdAt(),
                new CreatedClient.ApiKey(key.keyId(), key.key()), secret.value());
    }

    @Transactional(readOnly = true)
    public List<ClientView> all() {
        return clients.all().stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public ClientView get(Caller caller, String clientId) {
        return view(find(caller, clientId));
    }

    public NewKey newKey(Caller caller, String clientId) {
        return issueKey(find(caller, clientId).id());
    }

    public void revoke(Caller caller, String clientId, String keyId) {
        ClientTable.StoredClient client = find(caller, clientId);
        if (!keys.revoke(client.id(), keyId, clock.instant())) {
            throw new ApiException(ProblemType.KEY_NOT_FOUND,
                    "Client '" + client.name() + "' has no key '" + keyId + "'.");
        }
        introspector.forget(keyId);
    }

    public List<SecretView> secrets(Caller caller, String clientId) {
        return secrets.live(find(caller, clientId).id());
    }

    public SecretView rotate(Caller caller, String clientId, @Nullable RotationRequest request) {
        Duration overlap = request == null || request.previousExpiresIn() == null
                ? WebhookSecrets.DEFAULT_OVERLAP
                : request.previousExpiresIn();
        if (overlap.isNegative() || overlap.compareTo(WebhookSecrets.LONGEST_OVERLAP) > 0) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The request has invalid fields.",
                    List.of(new FieldViolation("previousExpiresIn", "must be between PT0S and "
                            + WebhookSecrets.LONGEST_OVERLAP.toDays() + " days (P30D)")));
        }
        return secrets.rotate(find(caller, clientId).id(), overlap);
    }

    private ClientTable.StoredClient find(Caller caller, String clientId) {
        return clients.findAs(caller, clientId)
                .orElseThrow(() -> new ApiException(ProblemType.CLIENT_NOT_FOUND, "There is no client '" + clientId + "'."));
    }

    private NewKey issueKey(ClientId clientId) {
        Instant now = clock.instant();
        String keyId = ApiKeyFormat.newKeyId(random);
        String key = ApiKeyFormat.newKey(keyId, random);
        // 80 random bits make a clash of key ids as good as impossible; should one happen, fail loudly.
        if (!keys.insert(keyId, clientId, ApiKeyFormat.hash(key), now)) {
            throw new IllegalStateException("Key id clash; try again");
        }
        return new NewKey(keyId, key, now);
    }

    private ClientView view(ClientTable.StoredClient client) {
        return new ClientView(client.id().value(), client.name(), client.createdAt(), keys.ofClient(client.id()));
    }
}
