package io.dispatch.retention;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import io.dispatch.CallbackReceiver;
import io.dispatch.CallbackReceiver.Answer;
import io.dispatch.DispatchClient;
import io.dispatch.DispatchClient.Response;
import io.dispatch.ServiceProcess;
import io.dispatch.TestClients;
import io.dispatch.TestInfrastructure;

import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Section 9's retention, in a service process that keeps ended tickets for two seconds. */
class RetentionIntegrationTest {

    @Test
    void anEndedTicketIsDeletedAndItsRequestIdMayBeUsedAgainWhileAnOpenOneStays() throws Exception {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("retention");
        CountDownLatch release = new CountDownLatch(1);
        try (ServiceProcess service = ServiceProcess.start(environment, "--dispatch.retention.ended-tickets=2s",
                "--dispatch.callback.timeout=30s")) {
            DispatchClient api = service.api(TestClients.create(service.admin(), "kept").key());
            CallbackReceiver.Endpoint fine = CallbackReceiver.shared().endpoint();
            CallbackReceiver.Endpoint held = CallbackReceiver.shared().endpoint(Answer.heldUntil(release));
            Map<String, Object> submission = Map.of("request-id", "req-" + UUID.randomUUID(), "email", "a@example.com",
                    "name", "A", "surname", "B", "callbackUrl", fine.url());
            String ended = api.submit("echo-test", submission).json().get("ticketId").asString();
            String open = api.submitEchoTest(held.url());
            api.awaitCallbackStatus(ended, "DELIVERED");

            await().atMost(ofSeconds(20)).until(() -> api.get("/api/v1/tickets/" + ended).status() == 404);

            assertThat(environment.count("SELECT count(*) FROM callback_attempts WHERE ticket_id = '" + ended + "'"))
                    .isZero();
            assertThat(api.get("/api/v1/tickets/" + open).status()).isEqualTo(200);
            Response again = api.submit("echo-test", submission);
            assertThat(again.status()).isEqualTo(202);
            assertThat(again.header("Idempotent-Replayed")).isEmpty();
            assertThat(again.json().get("ticketId").asString()).isNotEqualTo(ended);
            // The open ticket outlived several rounds of deletion, and ends as usual once released.
            release.countDown();
            api.awaitCallbackStatus(open, "DELIVERED");
        }
        finally {
            release.countDown();
        }
    }
}
