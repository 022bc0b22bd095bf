package io.dispatch.intake;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.ApiCallers;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.client.limits.SubmissionRate;
import io.dispatch.intake.TaskIntake;
import io.dispatch.system.ApiException;
import io.dispatch.system.ApiProperties;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.ProblemType;
import io.dispatch.ticket.Ticket;
import io.dispatch.ticket.TicketId;
import io.dispatch.ticket.TicketStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The HTTP mapping of submissions: statuses, headers and problem bodies, with the intake stubbed
 * and the caller given as an authenticated client (the real filter chain is the integration tests').
 */
@WebMvcTest(SubmissionController.class)
@EnableConfigurationProperties(ApiProperties.class)
@Import(SimpleMeterRegistry.class)
class SubmissionControllerWebMvcTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    TaskIntake intake;

    /** The rate is the integration tests' (LimitsIntegrationTest); here every request is let through. */
    @MockitoBean
    SubmissionRate submissionRate;

    private final ClientId clientId = new ClientId(UUID.randomUUID());
    private final Caller caller = new Caller(clientId, "key-of-the-test");

    @Test
    void answersAnAcceptedSubmissionWith202AndTheTicket() {
        Ticket ticket = ticket();
        given(intake.submit(eq(clientId), eq("echo-test"), any())).willReturn(new TaskIntake.Accepted(ticket, false));

        assertThat(mvc.post().uri("/api/v1/tasks/echo-test").with(ApiCallers.signedIn(caller)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .hasStatus(202)
                .hasHeader("Location", "/api/v1/tickets/" + ticket.id())
                .doesNotContainHeader("Idempotent-Replayed")
                .bodyJson()
                .hasPathSatisfying("$.ticketId", v -> v.assertThat().isEqualTo(ticket.id().toString()))
                .hasPathSatisfying("$.statusUrl", v -> v.assertThat().isEqualTo("/api/v1/tickets/" + ticket.id()));
    }

    @Test
    void marksAReplayedSubmission() {
        given(intake.submit(eq(clientId), eq("echo-test"), any())).willReturn(new TaskIntake.Accepted(ticket(), true));

        assertThat(mvc.post().uri("/api/v1/tasks/echo-test").with(ApiCallers.signedIn(caller)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .hasStatus(202)
                .hasHeader("Idempotent-Replayed", "true");
    }

    @Test
    void rendersFieldViolationsAsAProblemWithErrors() {
        given(intake.submit(eq(clientId), eq("echo-test"), any())).willThrow(new ApiException(ProblemType.INVALID_REQUEST,
                "The request has invalid fields.", List.of(new FieldViolation("email", "must be a valid email address"))));

        assertThat(mvc.post().uri("/api/v1/tasks/echo-test").with(ApiCallers.signedIn(caller)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .hasStatus(400)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("urn:dispatch:problem:invalid-request"))
                .hasPathSatisfying("$.instance", v -> v.assertThat().isEqualTo("/api/v1/tasks/echo-test"))
                .hasPathSatisfying("$.errors[0].field", v -> v.assertThat().isEqualTo("email"));
    }

    @Test
    void refusesAnotherMediaTypeWith415BeforeReadingTheBody() {
        assertThat(mvc.post().uri("/api/v1/tasks/echo-test").with(ApiCallers.signedIn(caller)).with(csrf()).contentType(MediaType.TEXT_PLAIN).content("x"))
                .hasStatus(415)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("urn:dispatch:problem:unsupported-media-type"));
        verifyNoInteractions(intake);
    }

    @Test
    void refusesAnOversizedBodyWith413() {
        assertThat(mvc.post().uri("/api/v1/tasks/echo-test").with(ApiCallers.signedIn(caller)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"x\":\"" + "a".repeat(64 * 1024) + "\"}"))
                .hasStatus(413)
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("urn:dispatch:problem:body-too-large"));
        verifyNoInteractions(intake);
    }

    @Test
    void answers503WithRetryAfterWhenTheDatabaseIsAway() {
        given(intake.submit(eq(clientId), eq("echo-test"), any()))
                .willThrow(new CannotCreateTransactionException("Could not open JPA EntityManager for transaction"));

        assertThat(mvc.post().uri("/api/v1/tasks/echo-test").with(ApiCallers.signedIn(caller)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .hasStatus(503)
                .hasHeader("Retry-After", "5")
                .bodyJson()
                .hasPathSatisfying("$.type", v -> v.assertThat().isEqualTo("urn:dispatch:problem:service-unavailable"))
                .hasPathSatisfying("$.detail", v -> v.assertThat().asString().doesNotContain("EntityManager"));
    }

    private Ticket ticket() {
        return new Ticket(TicketId.random(), clientId, "echo-test", "12345", "{}", "hash", "http://127.0.0.1/callback",
                TicketStatus.ACCEPTED, null, null, 0, Instant.now(), Instant.now());
    }
}
