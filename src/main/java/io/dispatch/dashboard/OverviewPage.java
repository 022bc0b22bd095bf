package io.dispatch.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.dispatch.callback.stats.DeliveryStats;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.ticket.TicketCounts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The overview: work and callbacks in flight, the last hour per minute, the oldest waiting ticket,
 * the callbacks retrying now, and a line per client (a client sees its own). Every figure comes
 * from a partial index or a per-minute rollup, so a refresh costs the same with a thousand tickets
 * or a million.
 */
@Controller
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class OverviewPage implements SchedulingConfigurer {

    private static final int RETRYING_SHOWN = 10;

    private final TicketCounts tickets;
    private final DeliveryStats deliveries;
    private final ClientFigures clients;
    private final DashboardProperties properties;
    private final Clock clock;

    OverviewPage(TicketCounts tickets, DeliveryStats deliveries, ClientFigures clients, DashboardProperties properties,
            Clock clock) {
        this.tickets = tickets;
        this.deliveries = deliveries;
        this.clients = clients;
        this.properties = properties;
        this.clock = clock;
    }

    /** The per-minute figures of the last hour are rolled up only while there is a dashboard to show them. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(deliveries::rollUpMinutes, properties.rollupInterval());
    }

    @GetMapping("/dashboard")
    String overview(@AuthenticationPrincipal Caller caller, Model model) {
        live(caller, model);
        return "dashboard/overview";
    }

    /** The part that refreshes itself. */
    @GetMapping("/dashboard/overview")
    String live(@AuthenticationPrincipal Caller caller, Model model) {
        ClientId scope = caller.scope().orElse(null);
        Instant now = clock.instant();
        model.addAttribute("open", byName(tickets.open(scope)));
        model.addAttribute("waiting", byName(deliveries.waiting(scope)));
        model.addAttribute("chart", MinuteChart.of(deliveries.lastHour(scope, now), now));
        model.addAttribute("oldestWaiting", tickets.oldestWaiting(scope).map(at -> age(at, now)).orElse(null));
        model.addAttribute("retrying", deliveries.retrying(scope, RETRYING_SHOWN));
        model.addAttribute("clients", clients.of(scope, now));
        model.addAttribute("now", now);
        model.addAttribute("refreshMillis", properties.refreshInterval().toMillis());
        return "dashboard/overview :: live";
    }

    /** Keyed by name, as the template looks them up. */
    private static Map<String, Long> byName(Map<? extends Enum<?>, Long> counts) {
        Map<String, Long> named = new HashMap<>();
        counts.forEach((status, count) -> named.put(status.name(), count));
        return named;
    }

    private static String age(Instant at, Instant now) {
        Duration age = Duration.between(at, now);
        if (age.isNegative() || age.toSeconds() < 1) {
            return "under a second";
        }
        return age.toHours() > 0 ? age.toHours() + " h " + age.toMinutesPart() + " min"
                : age.toMinutes() > 0 ? age.toMinutes() + " min " + age.toSecondsPart() + " s" : age.toSeconds() + " s";
    }
}
