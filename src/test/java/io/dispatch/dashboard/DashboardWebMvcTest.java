package io.dispatch.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.callback.DeliveryStatus;
import io.dispatch.callback.DeliveryView;
import io.dispatch.callback.stats.DeliveryStats;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.client.admin.ClientAdministration;
import io.dispatch.client.keys.KeyGuessing;
import io.dispatch.client.keys.KeySignIn;
import io.dispatch.client.keys.SecurityProperties;
import io.dispatch.client.limits.Limits;
import io.dispatch.client.limits.SubmissionRate;
import io.dispatch.system.ApiException;
import io.dispatch.system.ApiProperties;
import io.dispatch.system.ProblemType;
import io.dispatch.ticket.TicketCounts;
import io.dispatch.ticket.TicketStatus;
import io.dispatch.tracking.TicketTracking;
import io.dispatch.tracking.TicketView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The dashboard's pages rendered by Thymeleaf with its real filter chain (sign-in, session, CSRF,
 * operator-only pages), the reads below it stubbed: what a page shows is the services' business,
 * tested on the real database elsewhere; here, that each page asks for the signed-in caller's view.
 */
@WebMvcTest({ OverviewPage.class, TicketPages.class, ClientPages.class, SignInPage.class })
@Import({ DashboardSecurity.class, KeyGuessing.class, DashboardAdvice.class, DashboardWebMvcTest.Clocks.class, SimpleMeterRegistry.class,
        RelativeTimes.class })
@EnableConfigurationProperties({ DashboardProperties.class, ApiProperties.class, SecurityProperties.class })
class DashboardWebMvcTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    KeySignIn keys;

    @MockitoBean
    TicketTracking tickets;

    @MockitoBean
    TicketCounts counts;

    @MockitoBean
    DeliveryStats deliveries;

    @MockitoBean
    ClientAdministration clients;

    @MockitoBean
    ClientFigures clientFigures;

    @MockitoBean
    SubmissionRate submissionRate;

    @MockitoBean
    Limits limits;

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    private final Caller helpdesk = new Caller(new ClientId(UUID.randomUUID()), "helpdeskkey00001");
    private final Caller operator = new Caller(null, "admin");

    @BeforeEach
    void stubs() {
        given(keys.supports(any())).willReturn(true);
        given(keys.stillValid(any())).willReturn(true);
        given(counts.open(any())).willReturn(Map.of(TicketStatus.ACCEPTED, 3L, TicketStatus.PROCESSING, 1L));
        given(counts.oldestWaiting(any())).willReturn(Optional.empty());
        given(deliveries.waiting(any())).willReturn(Map.of(DeliveryStatus.PENDING, 0L, DeliveryStatus.RETRYING, 2L));
        given(deliveries.lastHour(any(), any())).willReturn(List.of(
                new DeliveryStats.Minute(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), 7, 1)));
        given(deliveries.retrying(any(), eq(10))).willReturn(List.of());
    }

    @Test
    void sendsAnyoneNotSignedInToTheSignInPage() {
        assertThat(mvc.get().uri("/dashboard")).hasStatus(302).hasHeader("Location", "/dashboard/sign-in");
        assertThat(mvc.get().uri("/dashboard/sign-in")).hasStatusOk().bodyText()
                .contains("type=\"password\"", "name=\"_csrf\"");
    }

    @Test
    void allowsNoBaseElementNoPluginsAndNoFraming() {
        assertThat(mvc.get().uri("/dashboard/sign-in")).headers().hasHeaderSatisfying("Content-Security-Policy",
                policy -> assertThat(policy.get(0)).contains("default-src 'self'", "base-uri 'none'",
                        "object-src 'none'", "frame-ancestors 'none'", "form-action 'self'"));
    }

    @Test
    void signsInWithAKeyIntoASessionAndRefusesAFormWithoutItsCsrfToken() {
        given(keys.authenticate(any())).willAnswer(invocation -> {
            Authentication attempt = invocation.getArgument(0);
            if (!"the-right-key".equals(attempt.getCredentials())) {
                throw new BadCredentialsException("unknown");
            }
            return UsernamePasswordAuthenticationToken.authenticated(helpdesk, null, helpdesk.getAuthorities());
        });

        assertThat(mvc.post().uri("/dashboard/sign-in").param("key", "the-right-key")).hasStatus(403);
        assertThat(mvc.post().uri("/dashboard/sign-in").param("key", "the-wrong-key").with(csrf()))
                .hasStatus(302).hasHeader("Location", "/dashboard/sign-in?error");
        assertThat(mvc.post().uri("/dashboard/sign-in").param("key", "the-right-key").with(csrf()))
                .hasStatus(302).hasHeader("Location", "/dashboard")
                .request().sessionAttributes().containsKey("SPRING_SECURITY_CONTEXT");
    }

    @Test
    void rendersTheOverviewOfTheCallersOwnClient() {
        assertThat(mvc.get().uri("/dashboard").with(as(helpdesk))).hasStatusOk().bodyText()
                .contains("id=\"count-accepted\">3<", "id=\"count-retrying\">2<", "id=\"count-delivered\">7<",
                        "<svg", "client key helpdeskkey00001")
                .doesNotContain("/dashboard/clients");
        verify(counts).open(helpdesk.clientId());
        verify(deliveries).waiting(helpdesk.clientId());
        assertThat(mvc.get().uri("/dashboard/overview").with(as(helpdesk))).hasStatusOk().bodyText()
                .startsWith("<section id=\"live\"").doesNotContain("<html");
    }

    @Test
    void showsATicketOnlyAsTheCallersQueriesSeeItAndAnotherClientsAsNotFound() {
        String ticketId = UUID.randomUUID().toString();
        given(tickets.get(ticketId, helpdesk)).willThrow(new ApiException(ProblemType.TICKET_NOT_FOUND,
                "There is no ticket '" + ticketId + "'."));

        assertThat(mvc.get().uri("/dashboard/tickets/" + ticketId).with(as(helpdesk))).hasStatus(404).bodyText()
                .contains("Ticket not found");
    }

    @Test
    void redeliversOnlyWithTheCsrfTokenAndShowsA409AsAMessage() {
        TicketView running = ticket(TicketStatus.PROCESSING);
        String ticketId = running.ticketId().toString();
        given(tickets.get(ticketId, helpdesk)).willReturn(running);
        given(tickets.redeliver(ticketId, helpdesk)).willThrow(new ApiException(ProblemType.TICKET_NOT_FINISHED,
                "Ticket " + ticketId + " is PROCESSING."));

        assertThat(mvc.post().uri("/dashboard/tickets/" + ticketId + "/redeliver").with(as(helpdesk)))
                .hasStatus(403);
        assertThat(mvc.post().uri("/dashboard/tickets/" + ticketId + "/redeliver").with(as(helpdesk)).with(csrf()))
                .hasStatusOk().bodyText().contains("Not redelivered (409)", "id=\"delivery\"");
    }

    @Test
    void keepsTheClientsPagesForOperators() {
        assertThat(mvc.get().uri("/dashboard/clients").with(as(helpdesk))).hasStatus(403);
        assertThat(mvc.post().uri("/dashboard/clients").param("name", "x").with(as(helpdesk)).with(csrf()))
                .hasStatus(403);
        verifyNoInteractions(clients);
        given(clients.all()).willReturn(List.of());
        assertThat(mvc.get().uri("/dashboard/clients").with(as(operator))).hasStatusOk().bodyText()
                .contains("Make client");
    }

    @Test
    void endsASessionWhoseKeyIsNoLongerValid() {
        given(keys.stillValid(helpdesk)).willReturn(false);

        assertThat(mvc.get().uri("/dashboard").with(as(helpdesk))).hasStatus(302)
                .hasHeader("Location", "/dashboard/sign-in");
        verifyNoInteractions(counts);
    }

    @Test
    void signsOutWithTheCsrfToken() {
        assertThat(mvc.post().uri("/dashboard/sign-out").with(as(helpdesk))).hasStatus(403);
        assertThat(mvc.post().uri("/dashboard/sign-out").with(as(helpdesk)).with(csrf()))
                .hasStatus(302).hasHeader("Location", "/dashboard/sign-in?signedOut");
    }

    private static RequestPostProcessor as(Caller caller) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities()));
    }

    private TicketView ticket(TicketStatus status) {
        return new TicketView(UUID.randomUUID(), "req-1", "echo-test", helpdesk.clientId().value(), status,
                Instant.now(), Instant.now(), null, null, DeliveryView.notStarted("http://127.0.0.1/callback"));
    }
}
