package io.dispatch.intake;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.dispatch.CallbackReceiver;
import io.dispatch.DispatchClient;
import io.dispatch.DispatchClient.Response;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every row of docs/api.md §1, against the running service on real PostgreSQL and RabbitMQ. */
@IntegrationTest
class SubmissionIntegrationTest {

    @LocalServerPort
    int port;

    DispatchClient api;
    CallbackReceiver.Endpoint receiver;
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void setUp() {
        api = TestClients.create(port).api();
        receiver = CallbackReceiver.shared().endpoint();
    }

    @Test
    void acceptsASubmissionWithATicket() {
        String requestId = requestId();
        Response response = api.submit("echo-test", echo(requestId));

        assertThat(response.status()).isEqualTo(202);
        JsonNode body = response.json();
        String ticketId = body.get("ticketId").asString();
        assertThat(UUID.fromString(ticketId)).isNotNull();
        assertThat(response.header("Location")).contains("/api/v1/tickets/" + ticketId);
        assertThat(response.header("Idempotent-Replayed")).isEmpty();
        assertThat(body.get("requestId").asString()).isEqualTo(requestId);
        assertThat(body.get("type").asString()).isEqualTo("echo-test");
        assertThat(body.get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(body.get("statusUrl").asString()).isEqualTo("/api/v1/tickets/" + ticketId);
    }

    @Test
    void replaysTheSameTicketForTheSameRequestIdAndPayload() {
        Map<String, Object> submission = echo(requestId());
        String ticketId = api.submit("echo-test", submission).json().get("ticketId").asString();
        await().atMost(ofSeconds(10)).until(() -> !receiver.received().isEmpty());

        Map<String, Object> withUnknownField = new HashMap<>(submission);
        withUnknownField.put("ignored", "unknown fields are ignored");
        Response replay = api.submit("echo-test", withUnknownField);

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json().get("ticketId").asString()).isEqualTo(ticketId);
        assertThat(replay.json().get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void refusesTheSameRequestIdWithADifferentPayload() {
        Map<String, Object> submission = echo(requestId());
        String ticketId = api.submit("echo-test", submission).json().get("ticketId").asString();
        submission.put("name", "Anna");

        Response conflict = api.submit("echo-test", submission);

        assertProblem(conflict, 422, "idempotency-key-reused");
        await().atMost(ofSeconds(10)).until(() -> "COMPLETED".equals(api.ticket(ticketId).get("status").asString()));
        assertThat(api.ticket(ticketId).get("result").get("name").asString()).isEqualTo("Jan");
    }

    @Test
    void concurrentIdenticalSubmissionsMakeOneTicketAndOneCallback() throws Exception {
        Map<String, Object> submission = echo(requestId());
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Response>> calls = IntStream.range(0, 20)
                    .mapToObj(i -> (Callable<Response>) () -> api.submit("echo-test", submission)).toList();
            List<Response> responses = clients.invokeAll(calls).stream().map(DispatchClient::join).toList();

            assertThat(responses).extracting(Response::status).containsOnly(202);
            Set<String> ticketIds = responses.stream().map(r -> r.json().get("ticketId").asString())
                    .collect(Collectors.toSet());
            assertThat(ticketIds).hasSize(1);
            assertThat(responses.stream().filter(r -> r.header("Idempotent-Replayed").isEmpty())).hasSize(1);
        }
        finally {
            clients.shutdownNow();
        }
        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 1);
        await().during(ofMillis(1500)).atMost(ofSeconds(3)).until(() -> receiver.received().size() == 1);
    }

    @Test
    void namesEveryInvalidFieldOnce() {
        Map<String, Object> submission = new HashMap<>();
        submission.put("request-id", "not allowed!");
        submission.put("email", "not-an-email");
        submission.put("name", " ");
        submission.put("surname", "x".repeat(101));
        submission.put("callbackUrl", "ftp://127.0.0.1/callback");

        Response response = api.submit("echo-test", submission);

        assertProblem(response, 400, "invalid-request");
        Map<String, String> errors = errors(response);
        assertThat(errors).containsOnlyKeys("request-id", "email", "name", "surname", "callbackUrl");
        assertThat(errors.get("callbackUrl")).contains("http");
    }

    @Test
    void requiresEveryField() {
        Response response = api.post("/api/v1/tasks/echo-test", "application/json", "{}");

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response)).containsOnlyKeys("request-id", "email", "name", "surname", "callbackUrl");
    }

    @Test
    void refusesCallbackUrlsWithUserInfoOrTooLong() {
        Map<String, Object> withUserInfo = echo(requestId());
        withUserInfo.put("callbackUrl", "http://user:secret@127.0.0.1/callback");
        Map<String, Object> tooLong = echo(requestId());
        tooLong.put("callbackUrl", "http://127.0.0.1/" + "a".repeat(2048));

        assertThat(errors(api.submit("echo-test", withUserInfo))).containsOnlyKeys("callbackUrl");
        assertThat(errors(api.submit("echo-test", tooLong))).containsOnlyKeys("callbackUrl");
    }

    @Test
    void refusesALoopbackCallbackByDefault() {
        Map<String, Object> submission = echo(requestId());
        submission.put("callbackUrl", receiver.url("localhost"));

        Response response = api.submit("echo-test", submission);

        assertProblem(response, 400, "invalid-request");
        assertThat(errors(response).get("callbackUrl")).contains("loopback");
        assertThat(api.get("/api/v1/tickets?requestId=" + submission.get("request-id")).json()).isEmpty();
    }

    @Test
    void answersMalformedAndEmptyBodiesWith400() {
        assertProblem(api.post("/api/v1/tasks/echo-test", "application/json", "{\"request-id\": "), 400,
                "malformed-body");
        assertProblem(api.post("/api/v1/tasks/echo-test", "application/json", ""), 400, "malformed-body");
        assertProblem(api.post("/api/v1/tasks/echo-test", "application/json", "[1, 2]"), 400, "malformed-body");
    }

    @Test
    void answersAWrongMediaTypeWith415() {
        assertProblem(api.post("/api/v1/tasks/echo-test", "text/plain", "request-id=1"), 415,
                "unsupported-media-type");
    }

    @Test
    void answersAnUnknownTaskTypeWith404() {
        assertProblem(api.submit("no-such-task", echo(requestId())), 404, "unknown-task-type");
    }

    @Test
    void answersABodyOver64KiBWith413() {
        Map<String, Object> submission = echo(requestId());
        submission.put("padding", "x".repeat(64 * 1024));

        assertProblem(api.submit("echo-test", submission), 413, "body-too-large");
        assertThat(api.get("/api/v1/tickets?requestId=" + submission.get("request-id")).json()).isEmpty();
    }

    /** The cap holds on every endpoint, and for a body sent without a length too (chunked). */
    @Test
    void capsEveryRequestBodyWith413() throws Exception {
        TestClients.TestClient client = TestClients.create(port);
        String padded = "{\"name\": \"" + "x".repeat(100 * 1024) + "\"}";
        HttpClient http = HttpClient.newHttpClient();

        Response admin = send(http, "/api/v1/clients", TestClients.ADMIN_KEY, BodyPublishers.ofString(padded));
        Response chunked = send(http, "/api/v1/tasks/echo-test", client.key(),
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))));
        Response chunkedSmall = send(http, "/api/v1/tasks/echo-test", client.key(), BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(json.writeValueAsBytes(echo(requestId())))));

        assertProblem(admin, 413, "body-too-large");
        assertProblem(chunked, 413, "body-too-large");
        assertThat(chunkedSmall.status()).isEqualTo(202);
    }

    private Response send(HttpClient http, String path, String key, HttpRequest.BodyPublisher body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(answer.statusCode(), answer.headers().map(), answer.body());
    }

    @Test
    void answersUnknownAndMalformedTicketIdsWith404() {
        assertProblem(api.get("/api/v1/tickets/" + UUID.randomUUID()), 404, "ticket-not-found");
        assertProblem(api.get("/api/v1/tickets/not-a-uuid"), 404, "ticket-not-found");
        assertProblem(api.get("/api/v1/tickets/" + UUID.randomUUID() + "/attempts"), 404, "ticket-not-found");
    }

    @Test
    void findsTicketsByRequestId() {
        String requestId = requestId();
        String ticketId = api.submit("echo-test", echo(requestId)).json().get("ticketId").asString();

        JsonNode found = api.get("/api/v1/tickets?requestId=" + requestId).json();

        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("ticketId").asString()).isEqualTo(ticketId);
        assertThat(api.get("/api/v1/tickets?requestId=" + requestId()).json()).isEmpty();
    }

    private Map<String, Object> echo(String requestId) {
        Map<String, Object> submission = new HashMap<>();
        submission.put("request-id", requestId);
        submission.put("email", "test@example.com");
        submission.put("name", "Jan");
        submission.put("surname", "Kowalski");
        submission.put("callbackUrl", receiver.url());
        return submission;
    }

    private static String requestId() {
        return "req-" + UUID.randomUUID();
    }

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:dispatch:problem:" + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/");
        assertThat(response.body()).doesNotContain("Exception", "at io.", "java.");
    }

    private static Map<String, String> errors(Response response) {
        assertThat(response.status()).isEqualTo(400);
        Map<String, String> errors = new HashMap<>();
        for (JsonNode error : response.json().get("errors")) {
            assertThat(errors.put(error.get("field").asString(), error.get("message").asString())).isNull();
        }
        return errors;
    }
}
