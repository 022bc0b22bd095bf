package io.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.dispatch.DispatchClient.Response;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Losing a RabbitMQ node under load loses nothing: a service process on a three-node cluster
 * ({@code ops/rabbit-cluster/cluster.sh}) while tickets are submitted, and a node killed with
 * SIGKILL. Every accepted ticket is called back and none runs twice (a callback comes again only as
 * the retry of an attempt that timed out), and readiness stays true to what the service can do.
 * Each test prints how long delivery paused; none asserts a time.
 */
class BrokerNodeLossIntegrationTest {

    private static final String WORK_QUEUE = "ECHO_TEST";
    private static RabbitCluster cluster;

    private final CallbackReceiver receiver = CallbackReceiver.shared();
    private final List<ServiceProcess> processes = new ArrayList<>();

    @BeforeAll
    static void startCluster() {
        RabbitCluster.Result started = RabbitCluster.start();
        assumeThat(started.cluster())
                .as("no three-node RabbitMQ cluster could be started on this machine (ops/rabbit-cluster/cluster.sh; "
                        + "see target/rabbit-cluster.log), so the node-loss tests are skipped: %s", started.whyNot())
                .isNotNull();
        cluster = started.cluster();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void stopProcessesAndRestoreTheCluster() {
        processes.forEach(ServiceProcess::close);
        cluster.restartKilled();
    }

    @Test
    void losingTheNodeThatLeadsTheWorkQueueLosesNoTicket() {
        Setup setup = setUp("loss_leader");
        String leader = cluster.leaderOf(setup.virtualHost(), WORK_QUEUE, "a");

        List<String> accepted = underLoad(setup, 3_000, () -> cluster.kill(leader));

        awaitEveryTicketCalledBack(setup, accepted, "the node leading the work queue (" + leader + ")");
        assertReadyWhileANodeIsDown(setup);
        bringBack(setup, leader);
    }

    @Test
    void losingTheNodeOfTheServicesConnectionWhileConfirmsAreOutstandingLosesNoTicket() {
        Setup setup = setUp("loss_connection");
        List<String> nodes = cluster.connectionNodes(setup.virtualHost(), "a");
        assertThat(nodes).as("the service's connections").isNotEmpty();
        String node = nodes.get(0);

        // Killed while submissions pour in: the fast path's publishes to it are still unconfirmed.
        List<String> accepted = underLoad(setup, 3_000, () -> cluster.kill(node));

        awaitEveryTicketCalledBack(setup, accepted, "the node of the service's connection (" + node + ")");
        assertThat(cluster.connectionNodes(setup.virtualHost(), other(node))).as("connections after the loss")
                .isNotEmpty().doesNotContain(node);
        assertReadyWhileANodeIsDown(setup);
        bringBack(setup, node);
    }

    @Test
    void losingASecondNodeAfterTheFirstIsBackLosesNoTicket() {
        Setup setup = setUp("loss_second");
        String first = cluster.leaderOf(setup.virtualHost(), WORK_QUEUE, "a");
        String second = other(first);

        List<String> accepted = underLoad(setup, 4_000, () -> {
            cluster.kill(first);
            bringBack(setup, first);
            cluster.kill(second);
        });

        awaitEveryTicketCalledBack(setup, accepted, "node " + first + ", then node " + second);
        assertReadyWhileANodeIsDown(setup);
        bringBack(setup, second);
    }

    private record Setup(TestInfrastructure.Isolated environment, ServiceProcess service, DispatchClient api,
            CallbackReceiver.Endpoint endpoint) {

        String virtualHost() {
            return environment.virtualHost();
        }
    }

    private Setup setUp(String name) {
        TestInfrastructure.Isolated environment = TestInfrastructure.get().isolated(name);
        cluster.addVirtualHost(environment.virtualHost());
        // The addresses win over the host and port of the test infrastructure's own broker.
        ServiceProcess service = ServiceProcess.start(environment, "--spring.rabbitmq.addresses=" + RabbitCluster.ADDRESSES);
        processes.add(service);
        DispatchClient api = service.api(TestClients.create(service.admin(), "loss").key());
        return new Setup(environment, service, api, receiver.endpoint());
    }

    /**
     * Submits tickets from 16 threads and runs the fault once a quarter of them are accepted;
     * returns the tickets accepted, which must be every one: the API stores them whatever the broker does.
     */
    private static List<String> underLoad(Setup setup, int tickets, Runnable fault) {
        ExecutorService senders = Executors.newFixedThreadPool(16);
        CountDownLatch quarter = new CountDownLatch(tickets / 4);
        try {
            List<Future<Response>> answers = IntStream.range(0, tickets)
                    .mapToObj(i -> senders.submit(() -> {
                        Response answer = setup.api().submit("echo-test", Map.of("request-id", "loss-" + i, "email",
                                "a@example.com", "name", "A", "surname", "B", "callbackUrl", setup.endpoint().url()));
                        quarter.countDown();
                        return answer;
                    }))
                    .toList();
            assertThat(quarter.await(60, TimeUnit.SECONDS)).as("a quarter of the tickets accepted").isTrue();
            fault.run();
            List<Response> responses = answers.stream().map(DispatchClient::join).toList();
            assertThat(responses).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(202));
            return responses.stream().map(answer -> answer.json().get("ticketId").asString()).toList();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        finally {
            senders.shutdownNow();
        }
    }

    /** Every accepted ticket is called back, and none runs twice ({@link AtLeastOnce}). */
    private static void awaitEveryTicketCalledBack(Setup setup, List<String> accepted, String lost) {
        CallbackReceiver.Endpoint endpoint = setup.endpoint();
        await().atMost(ofSeconds(120)).until(() -> AtLeastOnce.ticketsCalledBack(endpoint).containsAll(accepted));
        AtomicInteger seen = new AtomicInteger(-1);
        // Settled: no further callback for 2 s.
        await().during(ofSeconds(2)).atMost(ofSeconds(30))
                .until(() -> seen.getAndSet(endpoint.received().size()) == endpoint.received().size());
        assertThat(AtLeastOnce.ticketsCalledBack(endpoint)).as("the tickets called back").isEqualTo(Set.copyOf(accepted));
        int again = AtLeastOnce.assertCalledBackAgainOnlyAfterAFailedAttempt(setup.api(), endpoint);
        System.out.printf("node loss, %s: %d tickets called back, none lost, none run twice, %d called back again after "
                + "a failed attempt; delivery paused at most %d ms%n", lost, accepted.size(), again,
                longestPause(endpoint.received()).toMillis());
    }

    /** The longest wait between two callbacks in a row: how long delivery stood still around the loss. */
    private static Duration longestPause(List<CallbackReceiver.Received> received) {
        List<Instant> times = received.stream().map(CallbackReceiver.Received::at).sorted(Comparator.naturalOrder())
                .toList();
        Duration longest = Duration.ZERO;
        for (int i = 1; i < times.size(); i++) {
            Duration gap = Duration.between(times.get(i - 1), times.get(i));
            longest = gap.compareTo(longest) > 0 ? gap : longest;
        }
        return longest;
    }

    /** With one node of three gone the service still works, so it says it is ready. */
    private static void assertReadyWhileANodeIsDown(Setup setup) {
        Response readiness = setup.service().anonymous().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("components").get("rabbit").get("status").asString()).isEqualTo("UP");
    }

    private static void bringBack(Setup setup, String node) {
        cluster.restart(node);
        await().atMost(ofSeconds(60)).until(() -> cluster.allMembersOnline(setup.virtualHost(), WORK_QUEUE, other(node)));
    }

    private static String other(String node) {
        return Set.of("a", "b", "c").stream().filter(name -> !name.equals(node)).sorted().findFirst().orElseThrow();
    }
}
