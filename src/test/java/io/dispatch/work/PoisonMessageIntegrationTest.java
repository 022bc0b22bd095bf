package io.dispatch.work;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.dispatch.IntegrationTest;
import io.dispatch.outbox.TaskMessage;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Guarantee: a message that cannot be run goes to the dead-letter queue once, with no redelivery loop. */
@IntegrationTest
class PoisonMessageIntegrationTest {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Test
    void deadLettersAnUnreadableMessageOnce() {
        String messageId = UUID.randomUUID().toString();
        rabbit.send(TaskMessage.EXCHANGE, "echo-test", MessageBuilder
                .withBody("this is not json".getBytes(StandardCharsets.UTF_8)).setMessageId(messageId).build());

        Message dead = awaitDeadLetter(messageId);

        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        assertDeadLetteredOnceAsRejected(dead);
    }

    @Test
    void deadLettersATaskForAnUnknownTicket() {
        String messageId = UUID.randomUUID().toString();
        String body = "{\"ticketId\":\"" + UUID.randomUUID() + "\",\"type\":\"echo-test\"}";
        rabbit.send(TaskMessage.EXCHANGE, "echo-test", MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON).setMessageId(messageId).build());

        assertDeadLetteredOnceAsRejected(awaitDeadLetter(messageId));
    }

    private void assertDeadLetteredOnceAsRejected(Message dead) {
        List<Map<String, ?>> deaths = dead.getMessageProperties().getXDeathHeader();
        assertThat(deaths).hasSize(1);
        assertThat(deaths.get(0).get("reason")).hasToString("rejected");
        assertThat(((Number) deaths.get(0).get("count")).longValue()).isEqualTo(1);
        assertThat(deaths.get(0).get("queue")).hasToString("ECHO_TEST");
        // Nothing of it is left behind to be redelivered.
        await().during(Duration.ofSeconds(1)).atMost(ofSeconds(2))
                .until(() -> admin.getQueueInfo("ECHO_TEST").getMessageCount() == 0);
    }

    private Message awaitDeadLetter(String messageId) {
        AtomicReference<Message> found = new AtomicReference<>();
        await().atMost(ofSeconds(10)).until(() -> {
            Message message = rabbit.receive("dispatch.dead-letter", 200);
            if (message != null && messageId.equals(message.getMessageProperties().getMessageId())) {
                found.set(message);
            }
            return found.get() != null;
        });
        return found.get();
    }
}
