package io.dispatch.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.client.admin.CreatedClient;
import io.dispatch.client.keys.NewKey;
import io.dispatch.client.keys.SecurityProperties;
import io.dispatch.client.secrets.SecretView;
import io.dispatch.client.secrets.WebhookSecret;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record that holds a key or a secret leaves it out of its toString, so no log line can carry it. */
class SecretsOutOfToStringTest {

    private static final String KEY = "dsp_k1_the_key_itself_never_printed";
    private static final String SECRET = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LTEyMzQ1Njc4";
    private static final String ENCRYPTION_KEY = "ZGlzcGF0Y2gtdGVzdC1lbmNyeXB0aW9uLWtleS0zMmI=";

    @Test
    void recordsHoldingKeysOrSecretsHideThem() {
        Instant now = Instant.now();
        List<Object> holders = List.of(
                new NewKey("k1", KEY, now),
                new CreatedClient(UUID.randomUUID(), "helpdesk", now, new CreatedClient.ApiKey("k1", KEY), SECRET),
                new CreatedClient.ApiKey("k1", KEY),
                new SecretView(SECRET, now, null),
                new WebhookSecret(SECRET),
                new SecurityProperties(List.of(KEY), ENCRYPTION_KEY, List.of(ENCRYPTION_KEY), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), 20, new SecurityProperties.DevelopmentClient("dev", KEY, SECRET)));

        assertThat(holders).allSatisfy(holder -> assertThat(holder.toString())
                .doesNotContain(KEY, SECRET, ENCRYPTION_KEY, SECRET.substring("whsec_".length())));
        assertThat(new NewKey("k1", KEY, now).toString()).contains("k1");
    }
}
