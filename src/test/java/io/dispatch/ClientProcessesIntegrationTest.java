package io.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dispatch.TestClients.TestClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What keys promise across processes: a revocation reaches every instance, and no instance starts without keys. */
class ClientProcessesIntegrationTest {

    private final List<ServiceProcess> processes = new ArrayList<>();

    @AfterEach
    void stopProcesses() {
        processes.forEach(ServiceProcess::close);
    }

    /** docs/api.md §0: refused at once by the instance that revoked it, within 5 seconds by every other. */
    @Test
    void aRevokedKeyIsRefusedByAnotherInstanceWithinTheBound() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("revoke");
        ServiceProcess first = start(environment);
        ServiceProcess second = start(environment);
        TestClient client = TestClients.create(first.admin(), "revoked");
        // Used on the second instance first, so that it holds the key in its cache when it is revoked.
        assertThat(second.api(client.key()).get("/api/v1/clients/me").status()).isEqualTo(200);

        long revokedAt = System.nanoTime();
        assertThat(first.admin().delete("/api/v1/clients/" + client.clientId() + "/keys/" + client.keyId()).status())
                .isEqualTo(204);

        assertThat(first.api(client.key()).get("/api/v1/clients/me").status()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> second.api(client.key()).get("/api/v1/clients/me").status() == 401);
        System.out.printf("revocation: refused by the other instance %d ms after the revoke%n",
                Duration.ofNanos(System.nanoTime() - revokedAt).toMillis());
    }

    /** Outside the dev profile the service will not start open to anyone or unable to keep secrets. */
    @Test
    void refusesToStartWithoutTheAdminKeysAndTheEncryptionKey() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("nokeys");

        String log = ServiceProcess.startExpectingRefusal(environment, "--dispatch.security.admin-keys=",
                "--dispatch.security.encryption-key=");

        assertThat(log).contains("APPLICATION FAILED TO START", "dispatch.security.admin-keys is not set",
                "dispatch.security.encryption-key is not set", "DISPATCH_SECURITY_ADMIN_KEYS",
                "DISPATCH_SECURITY_ENCRYPTION_KEY");
        assertThat(log).doesNotContain("\tat io.dispatch", "\tat org.springframework");
    }

    private ServiceProcess start(TestInfrastructure.Isolated environment) {
        ServiceProcess process = ServiceProcess.start(environment);
        processes.add(process);
        return process;
    }
}
