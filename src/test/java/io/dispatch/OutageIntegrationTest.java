package io.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.dispatch.DispatchClient.Response;
import io.dispatch.work.HoldUseCase;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

/**
 * The database and the broker going away for real: the service reaches both through TCP proxies,
 * and these tests cut them (every connection dropped, new ones refused) and restore them.
 */
@IntegrationTest
class OutageIntegrationTest {

    @LocalServerPort
    int port;

    TestInfrastructure infrastructure = TestInfrastructure.get();
    DispatchClient api;
    CallbackReceiver.Endpoint receiver;

    @BeforeEach
    void setUp() {
        api = TestClients.create(port).api();
        receiver = CallbackReceiver.shared().endpoint();
    }

    @AfterEach
    void restore() {
        infrastructure.postgresProxy().restore();
        infrastructure.rabbitProxy().restore();
    }

    /** Guarantee: with the database down, submissions fail fast and clearly, and the service recovers by itself. */
    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutARestart() {
        infrastructure.postgresProxy().cut();

        long start = System.nanoTime();
        Response refused = api.submit("echo-test", echo());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).contains("5");
        assertThat(refused.json().get("type").asString()).isEqualTo("urn:dispatch:problem:service-unavailable");
        assertThat(took).isLessThan(ofSeconds(5));
        Response readiness = api.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(503);
        assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");

        infrastructure.postgresProxy().restore();

        await().atMost(ofSeconds(20)).until(() -> api.get("/actuator/health/readiness").status() == 200);
        Response accepted = api.submit("echo-test", echo());
        assertThat(accepted.status()).isEqualTo(202);
        String ticketId = accepted.json().get("ticketId").asString();
        await().atMost(ofSeconds(20)).until(() -> receiver.received().size() == 1);
        assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(ticketId);
    }

    /**
     * A database restarted, or a primary replaced behind the same address, leaves the pool full of
     * connections that are dead: they are replaced as they are found, and at most the first few
     * requests fail.
     */
    @Test
    void replacesAPoolOfDeadConnectionsAfterTheDatabaseRestarts() {
        List<Response> warm = IntStream.range(0, 20).parallel().mapToObj(i -> api.get("/api/v1/tickets?limit=1")).toList();
        assertThat(warm).allSatisfy(response -> assertThat(response.status()).isEqualTo(200));

        // Every connection dropped and the database answering again at once: what a restart looks like to the pool.
        infrastructure.postgresProxy().cut();
        infrastructure.postgresProxy().restore();
        List<Integer> statuses = IntStream.range(0, 50).mapToObj(i -> api.submit("echo-test", echo()).status()).toList();

        long failed = statuses.stream().filter(status -> status != 202).count();
        System.out.printf("database restart: %d of the first 50 submissions failed (%s)%n", failed, statuses.subList(0, 5));
        // A request on a connection that died is told to come back, never given an internal error.
        assertThat(statuses).isSubsetOf(202, 503);
        assertThat(failed).isLessThanOrEqualTo(5);
        assertThat(statuses.subList(5, 50)).containsOnly(202);
    }

    /**
     * Guarantee: a task is acknowledged only once its outcome is stored. The database goes away
     * after the use case started; the message stays unacknowledged until the database is back.
     */
    @Test
    void keepsATaskUnacknowledgedUntilItsOutcomeIsStored() {
        String key = UUID.randomUUID().toString();
        String ticketId = api.submit("hold", Map.of("request-id", "req-" + key, "key", key,
                "callbackUrl", receiver.url())).json().get("ticketId").asString();
        try {
            await().atMost(ofSeconds(10)).until(() -> HoldUseCase.started(key));
            // The broker's counters are refreshed every few seconds, hence the waits below.
            await().atMost(ofSeconds(10)).until(() -> unacknowledgedHolds() == 1);

            infrastructure.postgresProxy().cut();
            HoldUseCase.release(key);

            // Each look at the broker is a rabbitmqctl run, half a second here and seconds on a busy
            // machine: the bound leaves room for those, the hold is what is asserted.
            await().during(ofSeconds(6)).atMost(ofSeconds(20)).until(this::unacknowledgedHolds, is(1));
            assertThat(receiver.received()).isEmpty();
        }
        finally {
            HoldUseCase.release(key);
            infrastructure.postgresProxy().restore();
        }

        await().atMost(ofSeconds(20)).until(() -> receiver.received().size() == 1);
        assertThat(api.ticket(ticketId).get("status").asString()).isEqualTo("COMPLETED");
        await().atMost(ofSeconds(10)).until(() -> unacknowledgedHolds() == 0);
    }

    /** Guarantee: with the broker down a submission is still accepted, and its task runs once the broker is back. */
    @Test
    void acceptsWhileTheBrokerIsDownAndPublishesWhenItIsBack() {
        infrastructure.rabbitProxy().cut();

        long start = System.nanoTime();
        Response accepted = api.submit("echo-test", echo());
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(took).isLessThan(ofSeconds(2));
        String ticketId = accepted.json().get("ticketId").asString();
        await().during(Duration.ofSeconds(2)).atMost(ofSeconds(3))
                .until(() -> "ACCEPTED".equals(api.ticket(ticketId).get("status").asString()));

        infrastructure.rabbitProxy().restore();

        await().atMost(ofSeconds(30)).until(() -> receiver.received().size() == 1);
        assertThat(api.ticket(ticketId).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(ticketId);
    }

    private int unacknowledgedHolds() {
        return infrastructure.unacknowledged(infrastructure.rabbitVirtualHost(), "HOLD");
    }

    private Map<String, Object> echo() {
        return Map.of("request-id", "req-" + UUID.randomUUID(), "email", "a@example.com", "name", "A",
                "surname", "B", "callbackUrl", receiver.url());
    }
}
