package io.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.dispatch.TestClients.TestClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What keys promise across processes: a revocation reaches every instance, and no instance starts without keys. */
class ClientProcessesIntegrationTest {

    private static final String DEVELOPMENT_KEY = "dsp_development00001_ZGV2LWNsaWVudC1rZXktb25seS1mb3ItZGV2LXVzZSE";
    private static final String DEVELOPMENT_ADMIN_KEY = "dsp_admin_development_only_never_in_production";
    private static final String DEVELOPMENT_SECRET = "whsec_ZGlzcGF0Y2gtZGV2ZWxvcG1lbnQtc2VjcmV0LWNoYW5nZS1tZQ==";

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

    /**
     * The development client is the dev profile's alone: its settings given to a service in another
     * profile make nothing, and in the dev profile its fixed key never goes to a client of that name
     * that an operator made.
     */
    @Test
    void theDevelopmentClientExistsOnlyInTheDevProfileAndNeverTakesOverAClient() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("devclient");
        String[] development = { "--dispatch.security.development-client.name=development",
                "--dispatch.security.development-client.key=" + DEVELOPMENT_KEY,
                "--dispatch.security.development-client.webhook-secret=" + DEVELOPMENT_SECRET };
        ServiceProcess notDev = start(environment, development);
        assertThat(notDev.api(DEVELOPMENT_KEY).get("/api/v1/clients/me").status()).isEqualTo(401);
        TestClient existing = TestClients.create(notDev.admin(), "development");
        notDev.close();

        // The dev profile comes after the test profile here, so its own admin key is the one in force.
        String[] devProfile = Arrays.copyOf(development, development.length + 1);
        devProfile[development.length] = "--spring.profiles.active=dev";
        ServiceProcess dev = start(environment, devProfile);

        assertThat(dev.api(DEVELOPMENT_KEY).get("/api/v1/clients/me").status()).isEqualTo(401);
        assertThat(dev.api(DEVELOPMENT_ADMIN_KEY).get("/api/v1/clients/" + existing.clientId()).json().get("keys")
                .size()).isEqualTo(1);
        assertThat(dev.api(existing.key()).get("/api/v1/clients/me").status()).isEqualTo(200);
    }

    private ServiceProcess start(TestInfrastructure.Isolated environment, String... settings) {
        ServiceProcess process = ServiceProcess.start(environment, settings);
        processes.add(process);
        return process;
    }
}
