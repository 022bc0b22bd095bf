package io.dispatch.ticket;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.dispatch.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message counts as published only when the broker confirmed it and routed it; anything else
 * leaves the ticket to the outbox relay.
 */
@IntegrationTest
class TaskPublisherIntegrationTest {

    @Autowired
    TaskPublisher publisher;

    @Test
    void countsAConfirmedAndRoutedMessageAsPublished() throws Exception {
        assertThat(confirmed(List.of("always-fails"))).containsExactly(true);
    }

    @Test
    void doesNotCountAMessageTheBrokerReturnedAsUnroutable() throws Exception {
        assertThat(confirmed(List.of("no-queue-is-bound-to-this"))).containsExactly(false);
    }

    @Test
    void judgesEachMessageOfABatchOnItsOwn() throws Exception {
        assertThat(confirmed(List.of("always-fails", "no-queue-is-bound-to-this", "always-fails")))
                .containsExactly(true, false, true);
    }

    private List<Boolean> confirmed(List<String> types) throws Exception {
        List<CompletableFuture<Boolean>> confirms = publisher.publish(types.stream()
                .map(type -> publisher.task(TicketId.random(), type))
                .toList());
        CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        return confirms.stream().map(CompletableFuture::join).toList();
    }
}
