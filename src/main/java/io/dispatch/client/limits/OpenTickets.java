package io.dispatch.client.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.dispatch.client.ClientId;
import io.dispatch.system.CountPlusSince;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * Each client's open tickets (work or callback not ended), against its {@code maxOpenTickets}.
 * Counted for all clients in one statement every {@code dispatch.limits.refresh-interval}, through
 * the partial indexes of open rows, plus what this instance accepted since: exact on one instance,
 * and with several, over by at most what the others accepted within one interval.
 */
@Service
public class OpenTickets implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OpenTickets.class);

    private final JdbcClient jdbc;
    private final Limits limits;
    private final LimitsProperties properties;
    private final MeterRegistry meters;
    private final CountPlusSince<ClientId> open = new CountPlusSince<>();
    private final Map<ClientId, Boolean> gauged = new ConcurrentHashMap<>();

    OpenTickets(JdbcClient jdbc, Limits limits, LimitsProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::count, properties.refreshInterval());
    }

    void count() {
        try {
            open.recount(() -> {
                Map<ClientId, Long> read = new HashMap<>();
                jdbc.sql("SELECT client_id, count(*) FROM (SELECT client_id FROM tickets WHERE status IN ('ACCEPTED', "
                        + "'PROCESSING') UNION ALL SELECT client_id FROM callback_deliveries WHERE status IN ('PENDING', "
                        + "'RETRYING')) open GROUP BY client_id")
                        .query((rs, n) -> read.put(new ClientId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                        .list();
                return read;
            });
        }
        catch (RuntimeException ex) {
            log.debug("Could not count the open tickets: {}", ex.getMessage());
        }
        limits.clients().forEach(this::gauge);
    }

    /** How many of the client's tickets are open, as far as this instance knows. */
    public long open(ClientId clientId) {
        return open.of(clientId);
    }

    /** True while the client may open another ticket. */
    public boolean hasRoom(ClientId clientId) {
        return open(clientId) < limits.of(clientId).maxOpenTickets();
    }

    /** Counts a ticket just accepted here, until the next count includes it. */
    public void opened(ClientId clientId) {
        open.add(clientId);
    }

    /** Whole seconds, at least one, until the count is read again. */
    public long retryAfterSeconds() {
        return Math.max(1, properties.refreshInterval().toSeconds());
    }

    private void gauge(Limits.LimitedClient client) {
        gauged.computeIfAbsent(client.id(), id -> {
            Gauge.builder("dispatch.client.open.tickets", () -> open(id))
                    .description("A client's tickets whose work or callback has not ended")
                    .tag("client", client.name())
                    .register(meters);
            return true;
        });
    }
}
