package io.dispatch.callback.sending;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dispatch.client.ClientId;
import io.dispatch.client.limits.Limits;
import io.dispatch.client.limits.LimitsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/** {@code dispatch_client_callbacks_in_flight}: each client's callback POSTs in flight on this instance. */
@Component
class LaneGauges implements SchedulingConfigurer {

    private final SendingSlots slots;
    private final Limits limits;
    private final LimitsProperties properties;
    private final MeterRegistry meters;
    private final Set<ClientId> gauged = ConcurrentHashMap.newKeySet();

    LaneGauges(SendingSlots slots, Limits limits, LimitsProperties properties, MeterRegistry meters) {
        this.slots = slots;
        this.limits = limits;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::registerNewClients, properties.refreshInterval());
    }

    void registerNewClients() {
        for (Limits.LimitedClient client : limits.clients()) {
            if (gauged.add(client.id())) {
                Gauge.builder("dispatch.client.callbacks.in.flight", () -> slots.inFlight(client.id()))
                        .description("A client's callback POSTs in flight on this instance")
                        .tag("client", client.name())
                        .register(meters);
            }
        }
    }
}
