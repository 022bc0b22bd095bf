package io.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.dispatch.CallbackReceiver.Answer;
import io.dispatch.CallbackReceiver.Received;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The guarantees that take whole processes to prove: Dispatch runs as separate JVMs against a
 * database and virtual host of their own, and the tests kill them, stop them and run two at once.
 * Each test counts: tickets submitted = tickets completed = distinct webhook-ids received.
 */
class ServiceProcessesIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final CallbackReceiver receiver = CallbackReceiver.shared();

    @AfterEach
    void stopProcesses() {
        processes.forEach(ServiceProcess::close);
    }

    /** Guarantee: a worker killed with SIGKILL while tickets are in flight loses none of them. */
    @Test
    void aWorkerKilledMidTaskLosesNoTicket() throws SQLException {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("crash");
        CallbackReceiver.Endpoint endpoint = receiver.endpoint();
        ServiceProcess first = start(environment);
        String key = TestClients.create(first.admin(), "processes").key();
        List<String> tickets = submitSleepy(first.api(key), endpoint, 40, 500);
        await().atMost(ofSeconds(30)).until(() -> endpoint.received().size() >= 4);

        long processingAtKill = environment.count("SELECT count(*) FROM tickets WHERE status = 'PROCESSING'");
        first.kill();
        long calledBackBeforeKill = endpoint.received().size();

        assertThat(processingAtKill).isPositive();
        ServiceProcess second = start(environment);
        assertEveryTicketCompletedAndCalledBackOnce(second.api(key), endpoint, tickets);
        System.out.printf("kill -9: %d submitted, %d processing and %d called back at the kill; %d completed, "
                + "%d distinct webhook-ids, %d callbacks in all%n", tickets.size(), processingAtKill,
                calledBackBeforeKill, count(second.api(key), tickets, "COMPLETED"), distinctWebhookIds(endpoint).size(),
                endpoint.received().size());
    }

    /** Guarantee: on SIGTERM the service stops within a bounded time and hands back what it did not finish. */
    @Test
    void aGracefulShutdownFinishesOrHandsBackItsWork() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("shutdown");
        CallbackReceiver.Endpoint endpoint = receiver.endpoint();
        ServiceProcess first = start(environment);
        String key = TestClients.create(first.admin(), "processes").key();
        List<String> tickets = submitSleepy(first.api(key), endpoint, 40, 500);
        await().atMost(ofSeconds(30)).until(() -> endpoint.received().size() >= 4);

        Duration stopping = first.terminate(ofSeconds(40));

        assertThat(stopping).isLessThan(ofSeconds(30));
        ServiceProcess second = start(environment);
        assertEveryTicketCompletedAndCalledBackOnce(second.api(key), endpoint, tickets);
        System.out.printf("SIGTERM: exited in %d ms; %d submitted, %d completed, %d distinct webhook-ids%n",
                stopping.toMillis(), tickets.size(), count(second.api(key), tickets, "COMPLETED"),
                distinctWebhookIds(endpoint).size());
    }

    /** Guarantee: two instances on one database and broker deliver every ticket, each exactly once. */
    @Test
    void twoInstancesShareTheWorkAndDeliverEachTicketOnce() throws SQLException {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("scale");
        CallbackReceiver.Endpoint endpoint = receiver.endpoint();
        ServiceProcess first = start(environment);
        ServiceProcess second = start(environment);
        String key = TestClients.create(first.admin(), "processes").key();
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            DispatchClient api = (i % 2 == 0 ? first : second).api(key);
            tickets.add(api.submit("echo-test", Map.of("request-id", "req-" + UUID.randomUUID(),
                    "email", "n" + i + "@example.com", "name", "N" + i, "surname", "S",
                    "callbackUrl", endpoint.url())).json().get("ticketId").asString());
        }

        await().atMost(ofSeconds(60)).until(() -> endpoint.received().size() >= tickets.size());
        await().during(Duration.ofSeconds(2)).atMost(ofSeconds(4))
                .until(() -> endpoint.received().size() == tickets.size());

        assertThat(distinctWebhookIds(endpoint)).containsExactlyInAnyOrderElementsOf(tickets);
        assertThat(count(first.api(key), tickets, "COMPLETED")).isEqualTo(tickets.size());
        assertThat(environment.count("SELECT count(*) FROM callback_attempts")).isEqualTo(tickets.size());
        assertThat(environment.count("SELECT count(DISTINCT run_count) FROM tickets WHERE run_count = 1"))
                .isEqualTo(1);
        for (Received callback : endpoint.received()) {
            JsonNode data = JSON.readTree(callback.body()).get("data");
            assertThat(data.get("result")).isEqualTo(first.api(key).ticket(data.get("ticketId").asString()).get("result"));
        }
    }

    /** Guarantee: the retry schedule survives a restart of the service between two attempts. */
    @Test
    void theRetryScheduleGoesOnAfterARestart() {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("restart");
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(503), Answer.status(200));
        String schedule = "--dispatch.callback.retry-schedule=0s,4s";
        ServiceProcess first = start(environment, schedule);
        String key = TestClients.create(first.admin(), "processes").key();
        String ticketId = first.api(key).submit("echo-test", Map.of("request-id", "req-" + UUID.randomUUID(),
                "email", "a@example.com", "name", "A", "surname", "B", "callbackUrl", endpoint.url()))
                .json().get("ticketId").asString();
        await().atMost(ofSeconds(20)).until(() -> "RETRYING".equals(
                first.api(key).ticket(ticketId).get("callback").get("status").asString()));

        first.terminate(ofSeconds(40));
        ServiceProcess second = start(environment, schedule);

        await().atMost(ofSeconds(30)).until(() -> "DELIVERED".equals(
                second.api(key).ticket(ticketId).get("callback").get("status").asString()));
        JsonNode callback = second.api(key).ticket(ticketId).get("callback");
        assertThat(callback.get("attempts").asInt()).isEqualTo(2);
        List<Received> received = endpoint.received();
        assertThat(received).hasSize(2).extracting(r -> r.header("webhook-id")).containsOnly(ticketId);
        assertThat(Duration.between(received.get(0).at(), received.get(1).at())).isGreaterThanOrEqualTo(ofSeconds(4));
    }

    /**
     * Guarantee: callbacks waiting behind a slow receiver are claimed when they are sent, not while
     * they wait, so none is sent twice: 200 callbacks, each answered after 10 s, four times the
     * 5 s lease of a claim that has not started.
     */
    @Test
    void aSlowReceiverGetsEveryCallbackOnceHoweverLongTheQueue() throws SQLException {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated("slow");
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.slow(ofSeconds(10)));
        ServiceProcess service = start(environment, "--dispatch.callback.timeout=15s",
                "--dispatch.callback.lease=5s", "--dispatch.callback.concurrency=50",
                "--dispatch.limits.parallel-callbacks=50");
        DispatchClient api = service.api(TestClients.create(service.admin(), "slow").key());
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tickets.add(api.submit("echo-test", Map.of("request-id", "req-" + UUID.randomUUID(),
                    "email", "n" + i + "@example.com", "name", "N" + i, "surname", "S",
                    "callbackUrl", endpoint.url())).json().get("ticketId").asString());
        }

        await().atMost(ofSeconds(120)).until(() -> environment.count(
                "SELECT count(*) FROM callback_deliveries WHERE status = 'DELIVERED'") == tickets.size());

        assertThat(endpoint.received().size()).isEqualTo(tickets.size());
        assertThat(distinctWebhookIds(endpoint)).containsExactlyInAnyOrderElementsOf(tickets);
        assertThat(environment.count("SELECT count(*) FROM callback_attempts")).isEqualTo(tickets.size());
        assertThat(environment.count("SELECT max(attempts) FROM callback_deliveries")).isEqualTo(1);
    }

    private ServiceProcess start(TestInfrastructure.Isolated environment, String... settings) {
        ServiceProcess process = ServiceProcess.start(environment, settings);
        processes.add(process);
        return process;
    }

    private static List<String> submitSleepy(DispatchClient api, CallbackReceiver.Endpoint endpoint, int count,
            long millis) {
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = UUID.randomUUID().toString();
            tickets.add(api.submit("sleepy", Map.of("request-id", "req-" + key, "key", key, "millis", millis,
                    "callbackUrl", endpoint.url())).json().get("ticketId").asString());
        }
        return tickets;
    }

    private static void assertEveryTicketCompletedAndCalledBackOnce(DispatchClient api,
            CallbackReceiver.Endpoint endpoint, List<String> tickets) {
        await().atMost(ofSeconds(90)).until(() -> distinctWebhookIds(endpoint).size() == tickets.size());
        assertThat(distinctWebhookIds(endpoint)).containsExactlyInAnyOrderElementsOf(tickets);
        assertThat(count(api, tickets, "COMPLETED")).isEqualTo(tickets.size());
        Map<String, JsonNode> resultsCalledBack = endpoint.received().stream()
                .map(r -> JSON.readTree(r.body()).get("data"))
                .collect(Collectors.toMap(d -> d.get("ticketId").asString(), d -> d.get("result"), (a, b) -> {
                    // A callback sent again after a crash must carry the very same result.
                    assertThat(a).isEqualTo(b);
                    return a;
                }));
        for (String ticket : tickets) {
            assertThat(resultsCalledBack.get(ticket)).isEqualTo(api.ticket(ticket).get("result"));
        }
    }

    private static long count(DispatchClient api, List<String> tickets, String status) {
        return tickets.stream().map(api::ticket).filter(t -> status.equals(t.get("status").asString())).count();
    }

    private static Set<String> distinctWebhookIds(CallbackReceiver.Endpoint endpoint) {
        return endpoint.received().stream().map(r -> r.header("webhook-id")).collect(Collectors.toSet());
    }
}
