package io.dispatch.dashboard;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.dispatch.callback.stats.DeliveryStats;
import io.dispatch.client.ClientId;
import io.dispatch.client.limits.LimitRefusals;
import io.dispatch.client.limits.Limits;
import io.dispatch.client.limits.OpenTickets;
import io.dispatch.client.limits.Refused;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/** The overview's line per client: its open tickets, its callbacks, and what its limits refused in the last hour. */
@Component
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class ClientFigures {

    private final Limits limits;
    private final OpenTickets openTickets;
    private final DeliveryStats deliveries;
    private final LimitRefusals refusals;

    ClientFigures(Limits limits, OpenTickets openTickets, DeliveryStats deliveries, LimitRefusals refusals) {
        this.limits = limits;
        this.openTickets = openTickets;
        this.deliveries = deliveries;
        this.refusals = refusals;
    }

    record Row(String name, String clientId, long openTickets, long maxOpenTickets, long callbacksInFlight,
            long callbacksRetrying, long rateLimited, long tooManyOpenTickets) {
    }

    /** One client's line, or (scope null) every client's, by name. */
    List<Row> of(@Nullable ClientId scope, Instant now) {
        Map<ClientId, DeliveryStats.ClientCallbacks> callbacks = deliveries.perClient(scope, now);
        Map<ClientId, Refused> refused = refusals.lastHour();
        return limits.clients().stream()
                .filter(client -> scope == null || scope.equals(client.id()))
                .sorted(Comparator.comparing(Limits.LimitedClient::name))
                .map(client -> {
                    DeliveryStats.ClientCallbacks sending = callbacks.getOrDefault(client.id(),
                            new DeliveryStats.ClientCallbacks(0, 0));
                    Refused refusedLastHour = refused.getOrDefault(client.id(), Refused.NONE);
                    return new Row(client.name(), client.id().toString(), openTickets.open(client.id()),
                            client.limits().maxOpenTickets(), sending.inFlight(), sending.retrying(),
                            refusedLastHour.rateLimited(), refusedLastHour.tooManyOpenTickets());
                })
                .toList();
    }

    /** A client's name, for pages that show its id; the id itself for one this instance does not know. */
    String nameOf(ClientId clientId) {
        return limits.client(clientId).map(Limits.LimitedClient::name).orElse(clientId.toString());
    }
}
