package io.dispatch.client.secrets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.InfrastructureConfiguration;
import io.dispatch.TestClients;
import io.dispatch.client.ClientId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/** Moving a secret under a new encryption key, on the real schema: once, however many instances try. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import({ InfrastructureConfiguration.class, WebhookSecretTable.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class WebhookSecretTableJdbcTest {

    @Autowired
    WebhookSecretTable table;

    @Autowired
    JdbcClient jdbc;

    private final SecretCipher before = TestCiphers.cipher(TestCiphers.key(7));
    private final SecretCipher rotated = TestCiphers.cipher(TestCiphers.key(8), TestCiphers.key(7));

    @Test
    void twoInstancesMovingTheSameSecretWriteItOnce() {
        ClientId client = ClientId.random();
        TestClients.insertRow(jdbc, client);
        WebhookSecret secret = WebhookSecret.random(before.random());
        UUID id = UUID.randomUUID();
        table.insert(id, client, before.encrypt(secret, client), Instant.now());

        // Both read the secret under the old key before either writes.
        WebhookSecretTable.Stale first = staleOf(id);
        WebhookSecretTable.Stale second = staleOf(id);

        assertThat(table.reencrypt(first, rotated.encrypt(secret, client))).isTrue();
        assertThat(table.reencrypt(second, rotated.encrypt(secret, client))).isFalse();
        WebhookSecretTable.StoredSecret stored = table.live(client, Instant.now()).get(0);
        assertThat(stored.keyVersion()).isEqualTo(rotated.currentVersion());
        assertThat(rotated.decrypt(stored.ciphertext(), stored.keyVersion(), client)).isEqualTo(secret);
        assertThat(staleIds()).doesNotContain(id);
    }

    private WebhookSecretTable.Stale staleOf(UUID id) {
        return table.underOtherKeys(rotated.currentVersion(), Integer.MAX_VALUE).stream()
                .filter(stale -> stale.id().equals(id)).findFirst().orElseThrow();
    }

    private List<UUID> staleIds() {
        return table.underOtherKeys(rotated.currentVersion(), Integer.MAX_VALUE).stream()
                .map(WebhookSecretTable.Stale::id).toList();
    }
}
