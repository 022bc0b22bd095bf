package io.dispatch.client.secrets;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.standardwebhooks.Webhook;

import io.dispatch.CallbackReceiver;
import io.dispatch.ServiceProcess;
import io.dispatch.TestClients;
import io.dispatch.TestInfrastructure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.dispatch.Signatures.headers;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * The encryption key rotated as the README says, step by step, over three service processes on one
 * database: the old key as previous beside the new one, the secrets moved under the new key by
 * themselves, then the old key gone, and the client's callbacks still signed with its secret.
 */
class EncryptionKeyRotationIntegrationTest {

    /** The test profile's key, the one the secrets are first stored under. */
    private static final String OLD_KEY = "ZGlzcGF0Y2gtdGVzdC1lbmNyeXB0aW9uLWtleS0zMmI=";
    private static final String NEW_KEY = TestCiphers.key(42);
    private static final String NOT_UNDER_NEW_KEY = "SELECT count(*) FROM webhook_secrets WHERE key_version IS "
            + "DISTINCT FROM '" + TestCiphers.cipher(NEW_KEY).currentVersion() + "'";

    private final List<ServiceProcess> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(ServiceProcess::close);
    }

    @Test
    void movesEverySecretUnderTheNewKeyAndSignsWithItAfterTheOldKeyIsGone() throws SQLException {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("key_rotation");
        ServiceProcess before = start(environment);
        TestClients.TestClient client = TestClients.create(before.admin(), "rotating");
        assertThat(environment.count("SELECT count(*) FROM webhook_secrets WHERE key_version IS NULL")).isZero();
        assertThat(environment.count(NOT_UNDER_NEW_KEY)).isPositive();
        before.terminate(ofSeconds(30));

        // Step 2: the new key encrypts, the old one is kept to decrypt until the secrets have moved.
        ServiceProcess moving = start(environment, "--dispatch.security.encryption-key=" + NEW_KEY,
                "--dispatch.security.previous-encryption-keys=" + OLD_KEY);
        await().atMost(ofSeconds(20)).until(() -> environment.count(NOT_UNDER_NEW_KEY) == 0);
        moving.terminate(ofSeconds(30));

        // Step 4: the old key is gone.
        ServiceProcess after = start(environment, "--dispatch.security.encryption-key=" + NEW_KEY);
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();
        after.api(client.key()).submitEchoTest(receiver.url());

        await().atMost(ofSeconds(20)).until(() -> receiver.received().size() == 1);
        CallbackReceiver.Received callback = receiver.received().get(0);
        assertThatCode(() -> new Webhook(client.webhookSecret()).verify(callback.body(), headers(callback)))
                .doesNotThrowAnyException();
    }

    private ServiceProcess start(TestInfrastructure.Isolated environment, String... settings) {
        ServiceProcess process = ServiceProcess.start(environment, settings);
        processes.add(process);
        return process;
    }
}
