package io.dispatch.work;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TicketRows;
import io.dispatch.outbox.TaskMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rolling upgrade puts workers of two versions on one queue: each must run the other's messages.
 * The reader takes what it knows (the ticket id) and ignores the rest.
 */
@IntegrationTest
class MessageCompatibilityIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "schema version {0}")
    @CsvSource(delimiter = '|', value = {
            // an older publisher: no version header, no type
            "     | {\"ticketId\":\"%s\"}",
            // this version
            "1    | {\"ticketId\":\"%s\",\"type\":\"echo-test\"}",
            // a newer publisher: fields this worker does not know
            "2    | {\"ticketId\":\"%s\",\"type\":\"echo-test\",\"priority\":5,\"tenant\":{\"id\":\"t1\"}}" })
    void runsTasksPublishedByOtherVersions(Integer schemaVersion, String body) {
        CallbackReceiver.Endpoint receiver = CallbackReceiver.shared().endpoint();
        // Marked published, so that only the test's own message runs it.
        TestClients.TestClient client = TestClients.create(port);
        UUID ticketId = TicketRows.insert(jdbc, client.clientId(), "ACCEPTED", receiver.url(), Instant.now(),
                Instant.now(), null);
        var message = MessageBuilder.withBody(body.formatted(ticketId).getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON);
        if (schemaVersion != null) {
            message.setHeader(TaskMessage.SCHEMA_HEADER, schemaVersion);
        }

        rabbit.send(TaskMessage.EXCHANGE, "echo-test", message.build());

        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);
        assertThat(client.api().ticket(ticketId.toString()).get("status").asString()).isEqualTo("COMPLETED");
    }
}
