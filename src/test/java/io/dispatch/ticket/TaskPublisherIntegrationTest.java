package io.dispatch.ticket;

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
        assertThat(publisher.publish(TicketId.random(), "always-fails", null).get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void doesNotCountAMessageTheBrokerReturnedAsUnroutable() throws Exception {
        assertThat(publisher.publish(TicketId.random(), "no-queue-is-bound-to-this", null).get(10, TimeUnit.SECONDS))
                .isFalse();
    }
}
