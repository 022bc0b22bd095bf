package io.dispatch.client.keys;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void makesKeysThatCarryTheirIdAnd256RandomBits() {
        String keyId = ApiKeyFormat.newKeyId(random);
        String key = ApiKeyFormat.newKey(keyId, random);

        assertThat(key).startsWith("dsp_" + keyId + "_").hasSize(64);
        assertThat(ApiKeyFormat.keyId(key)).contains(keyId);
        assertThat(ApiKeyFormat.newKey(keyId, random)).isNotEqualTo(key);
        assertThat(ApiKeyFormat.newKeyId(random)).isNotEqualTo(keyId).hasSize(16);
    }

    @Test
    void findsNoKeyIdInWhatIsNotShapedLikeAKey() {
        String key = ApiKeyFormat.newKey(ApiKeyFormat.newKeyId(random), random);

        assertThat(ApiKeyFormat.keyId("")).isEmpty();
        assertThat(ApiKeyFormat.keyId("garbage")).isEmpty();
        assertThat(ApiKeyFormat.keyId(key.substring(1))).isEmpty();
        assertThat(ApiKeyFormat.keyId(key + "x")).isEmpty();
        assertThat(ApiKeyFormat.keyId("xsp_" + key.substring(4))).isEmpty();
        assertThat(ApiKeyFormat.keyId("dsp_ABCDEFGHIJKLMNOP_" + key.substring(21))).isEmpty();
    }

    @Test
    void hashesWithSha256() {
        assertThat(ApiKeyFormat.hash("a")).hasSize(32).isEqualTo(ApiKeyFormat.hash("a"));
        assertThat(ApiKeyFormat.hash("a")).isNotEqualTo(ApiKeyFormat.hash("b"));
    }
}
