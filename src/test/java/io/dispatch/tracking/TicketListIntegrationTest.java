package io.dispatch.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dispatch.CallbackReceiver;
import io.dispatch.DispatchClient;
import io.dispatch.DispatchClient.Response;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TestClients.TestClient;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** docs/api.md §2: the ticket list, its filters, its keyset paging and its Link header, per client. */
@IntegrationTest
class TicketListIntegrationTest {

    private static final Pattern NEXT = Pattern.compile("^<(/api/v1/tickets\\?[^>]+)>; rel=\"next\"$");

    @LocalServerPort
    int port;

    TestClient a;
    TestClient b;
    CallbackReceiver.Endpoint receiver;

    @BeforeEach
    void setUp() {
        a = TestClients.create(port);
        b = TestClients.create(port);
        receiver = CallbackReceiver.shared().endpoint();
    }

    @Test
    void pagesThroughTheCallersOwnTicketsNewestFirstByLinkHeaders() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            mine.add(0, submitEcho(a.api(), "req-" + UUID.randomUUID()));
        }
        submitEcho(b.api(), "req-" + UUID.randomUUID());

        List<String> seen = new ArrayList<>();
        String next = "/api/v1/tickets?limit=3";
        int pages = 0;
        while (next != null) {
            Response page = a.api().get(next);
            assertThat(page.status()).isEqualTo(200);
            page.json().forEach(ticket -> {
                assertThat(ticket.get("clientId").asString()).isEqualTo(a.clientId());
                seen.add(ticket.get("ticketId").asString());
            });
            next = next(page);
            pages++;
        }

        assertThat(seen).containsExactlyElementsOf(mine);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void staysStableWhileTicketsAreAdded() {
        for (int i = 0; i < 4; i++) {
            submitEcho(a.api(), "req-" + UUID.randomUUID());
        }
        Response first = a.api().get("/api/v1/tickets?limit=2");
        submitEcho(a.api(), "req-" + UUID.randomUUID());

        Response second = a.api().get(next(first));

        List<String> ids = new ArrayList<>();
        first.json().forEach(t -> ids.add(t.get("ticketId").asString()));
        second.json().forEach(t -> ids.add(t.get("ticketId").asString()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void filtersByStatusCallbackStatusTypeTimeAndRequestId() {
        Instant before = Instant.now();
        String requestId = "req-" + UUID.randomUUID();
        String echo = submitEcho(a.api(), requestId);
        String failing = a.api().submit("always-fails", Map.of("request-id", "req-" + UUID.randomUUID(),
                "reason", "no", "callbackUrl", receiver.url())).json().get("ticketId").asString();
        await().atMost(ofSeconds(10)).until(() -> receiver.received().size() == 2);
        await().atMost(ofSeconds(10)).until(() -> ids(a.api(), "callbackStatus=DELIVERED").size() == 2);

        assertThat(ids(a.api(), "status=FAILED")).containsExactly(failing);
        assertThat(ids(a.api(), "status=COMPLETED&status=FAILED")).containsExactly(failing, echo);
        assertThat(ids(a.api(), "type=echo-test")).containsExactly(echo);
        assertThat(ids(a.api(), "requestId=" + requestId)).containsExactly(echo);
        assertThat(ids(a.api(), "requestId=no-such-request")).isEmpty();
        assertThat(ids(a.api(), "callbackStatus=RETRYING")).isEmpty();
        assertThat(ids(a.api(), "createdAfter=" + before)).containsExactly(failing, echo);
        assertThat(ids(a.api(), "createdBefore=" + before)).isEmpty();
        assertThat(ids(b.api(), "requestId=" + requestId)).isEmpty();
    }

    @Test
    void letsOnlyAnOperatorFilterByClient() {
        String ofB = submitEcho(b.api(), "req-" + UUID.randomUUID());
        submitEcho(a.api(), "req-" + UUID.randomUUID());

        assertThat(ids(TestClients.admin(port), "clientId=" + b.clientId())).containsExactly(ofB);
        assertBadParameter(a.api().get("/api/v1/tickets?clientId=" + b.clientId()), "clientId");
    }

    @Test
    void answersBadParametersAndForeignCursorsWith400NamingThem() {
        for (int i = 0; i < 3; i++) {
            submitEcho(a.api(), "req-" + UUID.randomUUID());
        }
        String cursor = next(a.api().get("/api/v1/tickets?limit=1")).replaceAll(".*cursor=", "");

        assertBadParameter(a.api().get("/api/v1/tickets?status=NOPE"), "status");
        assertBadParameter(a.api().get("/api/v1/tickets?callbackStatus=SENT"), "callbackStatus");
        assertBadParameter(a.api().get("/api/v1/tickets?limit=0"), "limit");
        assertBadParameter(a.api().get("/api/v1/tickets?limit=201"), "limit");
        assertBadParameter(a.api().get("/api/v1/tickets?limit=ten"), "limit");
        assertBadParameter(a.api().get("/api/v1/tickets?createdAfter=yesterday"), "createdAfter");
        assertBadParameter(a.api().get("/api/v1/tickets?cursor=garbage"), "cursor");
        assertBadParameter(a.api().get("/api/v1/tickets?status=FAILED&cursor=" + cursor), "cursor");
        assertBadParameter(b.api().get("/api/v1/tickets?cursor=" + cursor), "cursor");
        assertThat(a.api().get("/api/v1/tickets?limit=2&cursor=" + cursor).status()).as("another page size")
                .isEqualTo(200);
    }

    private String submitEcho(DispatchClient api, String requestId) {
        return api.submit("echo-test", Map.of("request-id", requestId, "email", "a@example.com", "name", "A",
                "surname", "B", "callbackUrl", receiver.url())).json().get("ticketId").asString();
    }

    private static List<String> ids(DispatchClient api, String query) {
        Response response = api.get("/api/v1/tickets?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(ticket -> ids.add(ticket.get("ticketId").asString()));
        return ids;
    }

    private static String next(Response page) {
        return page.header("Link").map(link -> {
            Matcher matcher = NEXT.matcher(link);
            assertThat(matcher.matches()).as(link).isTrue();
            return matcher.group(1);
        }).orElse(null);
    }

    private static void assertBadParameter(Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:dispatch:problem:invalid-request");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(parameter);
        assertThat(problem.get("detail").asString()).contains(parameter);
    }
}
