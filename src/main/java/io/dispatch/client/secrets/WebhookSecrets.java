package io.dispatch.client.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.client.ClientId;
import io.dispatch.client.keys.SecurityProperties;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Each client's webhook signing secrets: made with the client, rotated on request, stored
 * encrypted. While a rotation's overlap lasts a client has several live secrets, and every
 * callback is signed with each of them.
 */
@Service
public class WebhookSecrets {

    public static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    /** Old secrets sign for at most this long after a rotation: a leaked one must not stay good for years. */
    public static final Duration LONGEST_OVERLAP = Duration.ofDays(30);

    private final WebhookSecretTable store;
    private final SecretCipher cipher;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Decrypted secrets for signing, kept as briefly as keys are: a rotation elsewhere shows within that time. */
    private final Cache<ClientId, List<Live>> signing;

    WebhookSecrets(WebhookSecretTable store, SecretCipher cipher, TransactionTemplate transaction,
            SecurityProperties properties, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.transaction = transaction;
        this.clock = clock;
        this.signing = Caffeine.newBuilder().expireAfterWrite(properties.keyCacheTtl()).maximumSize(10_000).build();
    }

    private record Live(WebhookSecret secret, Instant createdAt, @Nullable Instant expiresAt) {

        boolean liveAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now);
        }

        SecretView view() {
            return new SecretView(secret.value(), createdAt, expiresAt);
        }
    }

    /** What a callback of this client is signed with now: every live secret, newest first. */
    public List<WebhookSecret> signingSecrets(ClientId clientId) {
        Instant now = clock.instant();
        return signing.get(clientId, this::load).stream().filter(live -> live.liveAt(now)).map(Live::secret).toList();
    }

    public List<SecretView> live(ClientId clientId) {
        return load(clientId).stream().map(Live::view).toList();
    }

    /** Adds a secret, in the caller's transaction when there is one. */
    public void add(ClientId clientId, WebhookSecret secret, UUID id) {
        store.insert(id, clientId, cipher.encrypt(secret, clientId), clock.instant());
    }

    /**
     * Makes a new secret, which signs from now on, and lets the live ones go on signing until
     * {@code previousExpiresIn} from now ({@code PT0S}: not at all).
     */
    public SecretView rotate(ClientId clientId, Duration previousExpiresIn) {
        Instant now = clock.instant();
        WebhookSecret secret = WebhookSecret.random(cipher.random());
        transaction.executeWithoutResult(status -> {
            store.expireLive(clientId, now.plus(previousExpiresIn));
            add(clientId, secret, UUID.randomUUID());
        });
        // After the commit, so that no other thread caches the state before it.
        signing.invalidate(clientId);
        return new SecretView(secret.value(), now, null);
    }

    private List<Live> load(ClientId clientId) {
        return store.live(clientId, clock.instant()).stream()
                .map(stored -> new Live(cipher.decrypt(stored.ciphertext(), stored.keyVersion(), clientId),
                        stored.createdAt(), stored.expiresAt()))
                .toList();
    }
}
