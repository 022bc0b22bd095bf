package io.dispatch.tracking;

import java.util.UUID;

import io.dispatch.ApiCallers;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.client.limits.SubmissionRate;
import io.dispatch.system.ApiProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/** The HTTP mapping of the ticket reads: problems for what goes wrong, with the tracking stubbed. */
@WebMvcTest(TicketController.class)
@EnableConfigurationProperties(ApiProperties.class)
@Import(SimpleMeterRegistry.class)
class TicketControllerWebMvcTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    TicketTracking queries;

    /** The rate is the integration tests' (LimitsIntegrationTest); here every request is let through. */
    @MockitoBean
    SubmissionRate submissionRate;

    private final Caller caller = new Caller(new ClientId(UUID.randomUUID()), "key-of-the-test");

    @Test
    void hidesUnexpectedErrorsBehindA500Problem() {
        given(queries.get("x", caller)).willThrow(new IllegalStateException("io.dispatch.secret.Internal broke"));

        assertThat(mvc.get().uri("/api/v1/tickets/x").with(ApiCallers.signedIn(caller)))
                .hasStatus(500)
                .bodyJson()
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().doesNotContain("io.dispatch"));
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        assertThat(mvc.get().uri("/api/v1/nothing-here").with(ApiCallers.signedIn(caller)))
                .hasStatus(404)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
