package io.dispatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document against the contract (docs/api.md): every path, every status code, and the callback. */
@IntegrationTest
class ApiDocumentationIntegrationTest {

    private static final Map<String, Map<String, Set<String>>> CONTRACT = Map.of(
            "/api/v1/tasks/{type}", Map.of("post", Set.of("202", "400", "401", "403", "404", "413", "415", "422", "503")),
            "/api/v1/tickets/{ticketId}", Map.of("get", Set.of("200", "401", "404")),
            "/api/v1/tickets", Map.of("get", Set.of("200", "401")),
            "/api/v1/tickets/{ticketId}/attempts", Map.of("get", Set.of("200", "401", "404")),
            "/api/v1/tickets/{ticketId}/redeliver", Map.of("post", Set.of("202", "401", "404", "409")),
            "/api/v1/clients", Map.of("post", Set.of("201", "400", "401", "403", "409"), "get", Set.of("200", "403")),
            "/api/v1/clients/{clientId}", Map.of("get", Set.of("200", "401", "404")),
            "/api/v1/clients/{clientId}/keys", Map.of("post", Set.of("201", "403", "404")),
            "/api/v1/clients/{clientId}/keys/{keyId}", Map.of("delete", Set.of("204", "403", "404")),
            "/api/v1/clients/{clientId}/webhook-secrets", Map.of("get", Set.of("200", "404"),
                    "post", Set.of("201", "400", "404")));

    @LocalServerPort
    int port;

    @Test
    void documentsEveryPathAndStatusOfTheContract() {
        JsonNode document = new DispatchClient(port).get("/v3/api-docs").json();

        assertThat(document.get("openapi").asString()).startsWith("3.1");
        assertThat(document.get("info").get("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        CONTRACT.forEach((path, operations) -> operations.forEach((method, statuses) -> {
            JsonNode operation = document.get("paths").get(path).get(method);
            assertThat(operation).as("%s %s", method, path).isNotNull();
            assertThat(operation.get("responses").propertyNames()).as("%s %s", method, path).containsAll(statuses);
        }));
        JsonNode scheme = document.get("components").get("securitySchemes").get("apiKey");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        assertThat(document.get("security").get(0).has("apiKey")).isTrue();
        JsonNode submit = document.get("paths").get("/api/v1/tasks/{type}").get("post");
        assertThat(submit.get("requestBody").get("content").get("application/json").get("examples").get("echo-test"))
                .isNotNull();
    }

    /** docs/api.md, the reference users read, has a heading for every operation, and only for those. */
    @Test
    void theApiReferenceListsEveryOperationOfTheDocument() throws IOException {
        JsonNode paths = new DispatchClient(port).get("/v3/api-docs").json().get("paths");
        Set<String> documented = new TreeSet<>();
        paths.propertyNames().forEach(path -> paths.get(path).propertyNames()
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> referenced = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^### `(GET|POST|PUT|DELETE|PATCH) ([^`?]+)[^`]*`$")
                .matcher(Files.readString(Path.of("docs/api.md")));
        while (heading.find()) {
            referenced.add(heading.group(1) + " " + heading.group(2));
        }

        assertThat(referenced).isEqualTo(documented);
    }

    @Test
    void describesTheCallbackAsAWebhook() {
        JsonNode callback = new DispatchClient(port).get("/v3/api-docs").json().get("webhooks").get("ticketFinished")
                .get("post");

        assertThat(callback.get("parameters")).extracting(p -> p.get("name").asString())
                .contains("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(callback.get("responses").propertyNames()).contains("2XX", "410");
    }

    @Test
    void servesSwaggerUi() {
        DispatchClient.Response ui = new DispatchClient(port).get("/swagger-ui/index.html");

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(new DispatchClient(port).get("/swagger-ui.html").status()).isIn(200, 302);
    }
}
