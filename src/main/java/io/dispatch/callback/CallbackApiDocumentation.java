package io.dispatch.callback;

import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** Describes the callback in the OpenAPI document as a webhook: what a receiver gets and must answer. */
@Component
class CallbackApiDocumentation implements OpenApiCustomizer {

    private static final Map<String, Object> EXAMPLE = Map.of(
            "type", "echo-test.completed",
            "timestamp", "2026-11-26T10:00:00.400Z",
            "data", Map.of("ticketId", "0b9c6f5e-1f7a-4a8e-9d3c-2b1f0e9a7c55", "requestId", "12345",
                    "status", "COMPLETED",
                    "result", Map.of("email", "test@example.com", "name", "Jan", "surname", "Kowalski")));

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI openApi) {
        Operation callback = new Operation()
                .summary("The callback Dispatch POSTs to callbackUrl when a ticket's work ends")
                .description("""
                        Signed as Standard Webhooks say. Any 2xx within the timeout is success; anything else \
                        is retried on the schedule. webhook-id is the ticket id, the same on every attempt: \
                        drop what you have handled already.""")
                .addParametersItem(header("webhook-id", "The ticket id, the same on every attempt"))
                .addParametersItem(header("webhook-timestamp", "Seconds since the epoch of this attempt"))
                .addParametersItem(header("webhook-signature", "One v1,<base64 HMAC-SHA256> per secret"))
                .addParametersItem(header("traceparent", "W3C trace context of the work"))
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("application/json",
                        new MediaType().schema(new ObjectSchema()).example(EXAMPLE))))
                .responses(new ApiResponses()
                        .addApiResponse("2XX", new ApiResponse().description("Received; no more attempts"))
                        .addApiResponse("410", new ApiResponse().description("Gone: no more attempts, EXHAUSTED"))
                        .addApiResponse("default", new ApiResponse()
                                .description("Failed; retried (Retry-After honoured on 429 and 503)")
                                .addHeaderObject("Retry-After", new Header().schema(new StringSchema()))));
        openApi.addWebhooks("ticketFinished", new PathItem().post(callback));
    }

    private static HeaderParameter header(String name, String description) {
        return (HeaderParameter) new HeaderParameter().name(name).description(description).required(true)
                .schema(new StringSchema());
    }
}
