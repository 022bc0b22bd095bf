package io.dispatch.callback.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dispatch.CallbackReceiver;
import io.dispatch.CallbackReceiver.Answer;
import io.dispatch.DispatchClient;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TestClients.TestClient;
import io.dispatch.callback.CallbackProperties;
import io.dispatch.callback.DeliveryTable;
import io.dispatch.callback.Outgoing;
import io.dispatch.client.ClientId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The races around one delivery, forced with latches on a real receiver: redeliveries against an
 * attempt in flight and against each other, and two copies of one claimed attempt. Each test ends
 * by watching for one whole claim that no further POST comes.
 */
@IntegrationTest
class DeliveryRacesIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CallbackProperties properties;

    @Autowired
    DeliveryTable table;

    @Autowired
    DeliveryRunner runner;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcClient jdbc;

    TestClient client;
    DispatchClient api;
    CallbackReceiver receiver = CallbackReceiver.shared();

    @BeforeEach
    void setUp() {
        client = TestClients.create(port);
        api = client.api();
    }

    @Test
    void aRedeliveryAskedWhileTheAttemptIsInFlightIsThatAttempt() {
        CountDownLatch release = new CountDownLatch(1);
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.heldUntil(release), Answer.status(200));
        String ticketId = api.submitEchoTest(endpoint.url());
        await().atMost(ofSeconds(10)).until(() -> endpoint.received().size() == 1);

        DispatchClient.Response redelivery = api.post("/api/v1/tickets/" + ticketId + "/redeliver");
        release.countDown();

        assertThat(redelivery.status()).isEqualTo(202);
        api.awaitCallbackStatus(ticketId, "DELIVERED");
        assertNoFurtherPost(endpoint, 1);
        assertThat(attemptNumbers(ticketId)).containsExactly(1);
        assertThat(api.ticket(ticketId).get("callback").get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void eightConcurrentRedeliveriesOfAnExhaustedDeliveryMakeOneMorePost() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.status(500), Answer.status(500),
                Answer.status(500), Answer.status(500), Answer.heldUntil(release));
        String ticketId = api.submitEchoTest(endpoint.url());
        api.awaitCallbackStatus(ticketId, "EXHAUSTED");

        List<Integer> statuses = concurrently(8, () -> api.post("/api/v1/tickets/" + ticketId + "/redeliver").status());
        release.countDown();

        assertThat(statuses).containsOnly(202);
        api.awaitCallbackStatus(ticketId, "DELIVERED");
        assertNoFurtherPost(endpoint, 5);
        assertThat(attemptNumbers(ticketId)).containsExactly(1, 2, 3, 4, 5);
        assertThat(api.ticket(ticketId).get("callback").get("attempts").asInt()).isEqualTo(5);
    }

    @Test
    void twoCopiesOfOneClaimedAttemptPostOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CallbackReceiver.Endpoint endpoint = receiver.endpoint(Answer.heldUntil(release));
        Outgoing claimed = storeClaimed(endpoint.url(), Instant.now().plus(properties.lease()));

        concurrently(2, () -> {
            runner.attemptAll(List.of(claimed));
            return null;
        });
        await().atMost(ofSeconds(10)).until(() -> endpoint.received().size() >= 1);
        release.countDown();

        awaitStoredStatus(claimed.ticketId(), "DELIVERED");
        assertNoFurtherPost(endpoint, 1);
        assertThat(storedAttempts(claimed.ticketId())).isEqualTo(1);
    }

    @Test
    void aCopyWhoseClaimLapsedIsDroppedNotSent() {
        CallbackReceiver.Endpoint endpoint = receiver.endpoint();
        // Claimed by an instance that never got to send it: the claim has lapsed, so the poller takes it over.
        Outgoing lapsed = storeClaimed(endpoint.url(), Instant.now().minus(properties.claimLength()));
        awaitStoredStatus(lapsed.ticketId(), "DELIVERED");

        runner.attemptAll(List.of(lapsed));

        assertNoFurtherPost(endpoint, 1);
        assertThat(storedAttempts(lapsed.ticketId())).isEqualTo(1);
    }

    /** A delivery claimed with its insert, as a worker stores it; its claim lets it start until {@code startBy}. */
    private Outgoing storeClaimed(String url, Instant startBy) {
        Instant now = Instant.now();
        Outgoing outgoing = new Outgoing(UUID.randomUUID(), new ClientId(UUID.fromString(client.clientId())), url,
                "{\"type\":\"echo-test.completed\"}", null, 0, 0, now, Outgoing.FIRST_CLAIM, startBy);
        Instant leaseUntil = startBy.plus(properties.claimLength()).minus(properties.lease());
        transaction.executeWithoutResult(status -> table.scheduleAll(List.of(outgoing), now, leaseUntil, now));
        return outgoing;
    }

    private void assertNoFurtherPost(CallbackReceiver.Endpoint endpoint, int posts) {
        Duration claim = properties.claimLength();
        await().during(claim).atMost(claim.plusSeconds(5)).until(() -> endpoint.received().size() == posts);
    }

    private <T> List<T> concurrently(int times, java.util.concurrent.Callable<T> action) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(times);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                results.add(threads.submit(() -> {
                    start.await();
                    return action.call();
                }));
            }
            start.countDown();
            List<T> values = new ArrayList<>();
            for (Future<T> result : results) {
                values.add(result.get());
            }
            return values;
        }
        finally {
            threads.shutdownNow();
        }
    }

    private List<Integer> attemptNumbers(String ticketId) {
        List<Integer> numbers = new ArrayList<>();
        api.get("/api/v1/tickets/" + ticketId + "/attempts").json().forEach(a -> numbers.add(a.get("attempt").asInt()));
        return numbers;
    }

    private int storedAttempts(UUID ticketId) {
        return jdbc.sql("SELECT attempts FROM callback_deliveries WHERE ticket_id = ?").param(ticketId)
                .query(Integer.class).single();
    }

    private void awaitStoredStatus(UUID ticketId, String status) {
        await().atMost(ofSeconds(15)).until(() -> status.equals(jdbc
                .sql("SELECT status FROM callback_deliveries WHERE ticket_id = ?").param(ticketId)
                .query(String.class).single()));
    }
}
