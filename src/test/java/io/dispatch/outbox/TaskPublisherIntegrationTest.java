package io.dispatch.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dispatch.IntegrationTest;
import io.dispatch.ticket.TicketId;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message counts as published only when the broker confirmed it and routed it; anything else
 * leaves the ticket to the outbox relay. In a batch, each message is judged on its own.
 */
@IntegrationTest
class TaskPublisherIntegrationTest {

    @Autowired
    TaskPublisher publisher;

    @Test
    void countsAConfirmedAndRoutedMessageAsPublished() throws Exception {
        assertThat(publishOne("always-fails")).isTrue();
    }

    @Test
    void doesNotCountAMessageTheBrokerReturnedAsUnroutable() throws Exception {
        assertThat(publishOne("no-queue-is-bound-to-this")).isFalse();
    }

    @Test
    void judgesEveryMessageOfABatchOnItsOwn() throws Exception {
        List<CompletableFuture<Boolean>> confirms = publisher.publishAll(List.of(
                task("always-fails"), task("no-queue-is-bound-to-this"), task("always-fails")));

        assertThat(confirms).hasSize(3);
        assertThat(confirms.get(0).get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(confirms.get(1).get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(confirms.get(2).get(10, TimeUnit.SECONDS)).isTrue();
    }

    private boolean publishOne(String type) throws Exception {
        return publisher.publishAll(List.of(task(type))).get(0).get(10, TimeUnit.SECONDS);
    }

    private static TaskPublisher.Task task(String type) {
        return new TaskPublisher.Task(TicketId.random(), type, null);
    }
}
