package io.dispatch;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast start the README recommends, {@code -Dspring.aot.enabled=true} on the bean definitions
 * {@code process-aot} wrote at {@code package}: it serves the same service, and it refuses a
 * setting it would silently ignore. Needs the packaged classes ({@code ./mvnw verify} builds them
 * before the integration tests).
 */
class AheadOfTimeStartIntegrationTest {

    private static final List<String> AHEAD_OF_TIME = List.of("-Dspring.aot.enabled=true");

    @Test
    void servesTicketsTheApiAndTheDashboardFromTheBuildsBeans() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("aot");
        CallbackReceiver.Endpoint endpoint = CallbackReceiver.shared().endpoint();
        try (ServiceProcess service = ServiceProcess.start(environment, AHEAD_OF_TIME)) {
            DispatchClient api = service.api(TestClients.create(service.admin(), "aot").key());

            String ticketId = api.submitEchoTest(endpoint.url());

            assertThat(api.awaitCallbackStatus(ticketId, "DELIVERED").get("attempts").asInt()).isEqualTo(1);
            assertThat(endpoint.received()).singleElement().extracting(r -> r.header("webhook-id"))
                    .isEqualTo(ticketId);
            assertThat(api.ticket(ticketId).get("status").asString()).isEqualTo("COMPLETED");
            assertThat(service.anonymous().get("/api/v1/clients/me").status()).isEqualTo(401);
            assertThat(service.anonymous().get("/dashboard/sign-in").status()).isEqualTo(200);
            assertThat(service.log()).contains("Starting AOT-processed DispatchApplication");
        }
    }

    @Test
    void refusesASettingThatWouldChangeTheBeans() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("aotoff");

        String log = ServiceProcess.startExpectingRefusal(environment, AHEAD_OF_TIME,
                "--dispatch.dashboard.enabled=false");

        assertThat(log).contains("dispatch.dashboard.enabled decides which beans exist",
                "keeps the jar's build value 'true'");
    }
}
