package io.dispatch.client.limits;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dispatch.client.ClientId;
import io.dispatch.system.ApiException;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.ProblemType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * Every client's limits as this instance knows them: read from the database every
 * {@code dispatch.limits.refresh-interval}, so an operator's change holds everywhere within it, and
 * at once on the instance that made it. The hot paths (a submission, a callback) ask here and never
 * the database.
 */
@Service
public class Limits implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(Limits.class);

    private final LimitsTable table;
    private final LimitsProperties properties;
    private final Clock clock;
    private final Instant started;
    private volatile Map<ClientId, LimitedClient> clients = Map.of();

    Limits(LimitsTable table, LimitsProperties properties, Clock clock) {
        this.table = table;
        this.properties = properties;
        this.clock = clock;
        this.started = clock.instant();
    }

    /**
     * A client as the limits see it.
     *
     * @param bucketKey the key of its token bucket
     * @param version rises whenever its limits may have changed: an operator's change, or a
     *        restart that may have brought new defaults
     */
    public record LimitedClient(ClientId id, String name, long bucketKey, ClientLimits limits, long version) {
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::refresh, properties.refreshInterval());
    }

    void refresh() {
        try {
            read();
        }
        catch (RuntimeException ex) {
            log.debug("Could not read the clients' limits; the last ones read hold: {}", ex.getMessage());
        }
    }

    private void read() {
        Map<ClientId, LimitedClient> read = new LinkedHashMap<>();
        for (LimitsTable.Row row : table.all()) {
            Instant changed = row.changedAt().isAfter(started) ? row.changedAt() : started;
            read.put(row.clientId(), new LimitedClient(row.clientId(), row.name(), row.bucketKey(),
                    properties.defaults().with(row.overrides()), changed.toEpochMilli()));
        }
        clients = Map.copyOf(read);
    }

    /** A client's limits; the defaults for a client this instance does not know (yet). */
    public ClientLimits of(ClientId clientId) {
        return client(clientId).map(LimitedClient::limits).orElseGet(properties::defaults);
    }

    /**
     * A client, read again at once when it is new here (made on another instance a moment ago). A
     * database that cannot be read then is the caller's failure, not an unknown client.
     */
    public Optional<LimitedClient> client(ClientId clientId) {
        LimitedClient known = clients.get(clientId);
        if (known == null) {
            read();
            known = clients.get(clientId);
        }
        return Optional.ofNullable(known);
    }

    /** Every client this instance knows. */
    public Collection<LimitedClient> clients() {
        return clients.values();
    }

    public ClientLimits defaults() {
        return properties.defaults();
    }

    /**
     * Changes a client's limits: a value sets it, an empty one returns it to the default, a limit
     * not named keeps what it was.
     *
     * @throws ApiException naming each value below 1 or above its ceiling
     */
    public ClientLimits change(ClientId clientId, Map<Limit, Optional<Integer>> changes) {
        List<FieldViolation> violations = outOfRange(changes);
        if (!violations.isEmpty()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The request has invalid fields.", violations);
        }
        table.change(clientId, changes, clock.instant());
        refresh();
        return of(clientId);
    }

    /** The values below 1 or above their ceilings, each named by its field. */
    public List<FieldViolation> outOfRange(Map<Limit, Optional<Integer>> changes) {
        ClientLimits ceiling = properties.ceiling().limits();
        List<FieldViolation> violations = new ArrayList<>();
        changes.forEach((limit, value) -> value.filter(v -> v < 1 || v > limit.of(ceiling))
                .ifPresent(v -> violations.add(new FieldViolation(limit.field(),
                        "must be between 1 and " + limit.of(ceiling)))));
        return violations;
    }
}
