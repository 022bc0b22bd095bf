package io.dispatch.work;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TicketRows;
import io.dispatch.outbox.TaskMessage;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers take their tasks in batches: a batch with an unreadable message, a task for no ticket and
 * a task delivered twice runs every good ticket once, and dead-letters the two bad messages alone.
 */
@IntegrationTest
class BatchIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SimpleMessageListenerContainer taskListenerContainer;

    @Value("${spring.rabbitmq.listener.simple.concurrency}")
    int consumers;

    @Autowired
    WorkProperties properties;

    @Test
    void aWorkerHoldingATaskWaitsForMoreOnlyBriefly() {
        // The container waits for each next message up to its receive timeout, whatever the batch
        // wait; its own default of a second held the last tasks of every burst for that second.
        assertThat(ReflectionTestUtils.getField(taskListenerContainer, "receiveTimeout"))
                .isEqualTo(properties.receiveTimeout().toMillis()).isEqualTo(20L);
        assertThat(ReflectionTestUtils.getField(taskListenerContainer, "batchReceiveTimeout"))
                .isEqualTo(properties.batchWait().toMillis());
    }

    @Test
    void aBadMessageNeverTakesItsBatchDownWithIt() {
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();
        String clientId = TestClients.create(port).clientId();
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Marked published, so that only the messages of this test run them.
            tickets.add(TicketRows.insert(jdbc, clientId, "ACCEPTED", receiver.url(), Instant.now(), Instant.now(), null));
        }
        String poison = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        // One consumer, stopped while the messages queue, so that they are handed out as one batch.
        taskListenerContainer.stop();
        try {
            taskListenerContainer.setConcurrentConsumers(1);
            send("this is not json", poison);
            tickets.forEach(id -> send(task(id), UUID.randomUUID().toString()));
            send(task(UUID.randomUUID()), unknown);
            send(task(tickets.get(0)), UUID.randomUUID().toString());
            taskListenerContainer.start();

            await().atMost(ofSeconds(15)).until(() -> receiver.received().size() >= tickets.size());
            Set<String> deadLettered = deadLettered(2);

            assertThat(deadLettered).containsExactlyInAnyOrder(poison, unknown);
            assertThat(receiver.received()).extracting(r -> UUID.fromString(r.header("webhook-id")))
                    .containsExactlyInAnyOrderElementsOf(tickets);
            assertThat(jdbc.sql("SELECT count(*) FROM tickets WHERE id IN (:ids) AND status = 'COMPLETED' "
                    + "AND run_count = 1").param("ids", tickets).query(Long.class).single()).isEqualTo(tickets.size());
            await().during(Duration.ofSeconds(1)).atMost(ofSeconds(3))
                    .until(() -> admin.getQueueInfo("ECHO_TEST").getMessageCount() == 0
                            && receiver.received().size() == tickets.size());
        }
        finally {
            taskListenerContainer.setConcurrentConsumers(consumers);
            taskListenerContainer.start();
        }
    }

    private void send(String body, String messageId) {
        rabbit.send(TaskMessage.EXCHANGE, "echo-test", MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).setMessageId(messageId).build());
    }

    private static String task(UUID ticketId) {
        return "{\"ticketId\":\"" + ticketId + "\",\"type\":\"echo-test\"}";
    }

    private Set<String> deadLettered(int expected) {
        Set<String> ids = new HashSet<>();
        await().atMost(ofSeconds(10)).until(() -> {
            Message message = rabbit.receive("dispatch.dead-letter", 200);
            if (message != null) {
                ids.add(message.getMessageProperties().getMessageId());
            }
            return ids.size() >= expected;
        });
        return ids;
    }
}
