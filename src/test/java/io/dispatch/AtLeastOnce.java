package io.dispatch;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's delivery guarantee as tests check it: every ticket is called back, each with the
 * one outcome its single run stored. Delivery is at least once, so a ticket may be called back
 * again, but only as the retry of an attempt the service saw fail (no answer within the timeout: a
 * receiver starved of CPU on a busy machine is enough), with the very same body; never because a
 * ticket ran twice or a delivered callback was sent again.
 */
final class AtLeastOnce {

    private AtLeastOnce() {
    }

    /** The tickets an endpoint was called back for, each once or more. */
    static Set<String> ticketsCalledBack(CallbackReceiver.Endpoint endpoint) {
        return bodiesByTicket(endpoint).keySet();
    }

    /**
     * Checks every ticket called back more than once against its attempts, read with the
     * ticket's client's {@code api}.
     *
     * @return how many tickets were called back again after a failed attempt
     */
    static int assertCalledBackAgainOnlyAfterAFailedAttempt(DispatchClient api, CallbackReceiver.Endpoint endpoint) {
        Map<String, List<String>> again = bodiesByTicket(endpoint).entrySet().stream()
                .filter(ticket -> ticket.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        again.forEach((ticketId, sent) -> {
            assertThat(Set.copyOf(sent)).as("the bodies of ticket %s's callbacks", ticketId).hasSize(1);
            JsonNode attempts = api.get("/api/v1/tickets/" + ticketId + "/attempts").json();
            assertThat(attempts.valueStream().filter(attempt -> attempt.get("outcome").asString().equals("FAILED")))
                    .as("ticket %s was called back %d times; its attempts: %s", ticketId, sent.size(), attempts)
                    .hasSizeGreaterThanOrEqualTo(sent.size() - 1);
        });
        return again.size();
    }

    private static Map<String, List<String>> bodiesByTicket(CallbackReceiver.Endpoint endpoint) {
        return endpoint.received().stream().collect(Collectors.groupingBy(callback -> callback.header("webhook-id"),
                Collectors.mapping(CallbackReceiver.Received::body, Collectors.toList())));
    }
}
