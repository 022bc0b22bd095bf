package io.dispatch.work;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.DispatchClient;
import io.dispatch.IntegrationTest;
import io.dispatch.ticket.TaskMessage;

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
        UUID ticketId = acceptedTicket(receiver.url());
        var message = MessageBuilder.withBody(body.formatted(ticketId).getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON);
        if (schemaVersion != null) {
            message.setHeader(TaskMessage.SCHEMA_HEADER, schemaVersion);
        }

        rabbit.send(TaskMessage.EXCHANGE, "echo-test", message.build());

        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);
        assertThat(new DispatchClient(port).ticket(ticketId.toString()).get("status").asString()).isEqualTo("COMPLETED");
    }

    /** A ticket as the API stores it, marked published so that only the test's message runs it. */
    private UUID acceptedTicket(String callbackUrl) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO tickets (id, type, request_id, payload, payload_hash, callback_url, status, run_count,
                                     version, created_at, updated_at, published_at)
                VALUES (:id, 'echo-test', :requestId, '{"email":"a@example.com","name":"A","surname":"B"}', 'x',
                        :url, 'ACCEPTED', 0, 0, :now, :now, :now)""")
                .param("id", id).param("requestId", "req-" + id).param("url", callbackUrl).param("now", now)
                .update();
        return id;
    }
}
