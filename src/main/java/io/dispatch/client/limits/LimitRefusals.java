package io.dispatch.client.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.dispatch.client.ClientId;
import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Service;

/**
 * Refuses a request over a limit, with the problem and headers the contract gives it, and counts
 * the refusal: in the metrics ({@code dispatch_client_refused_total}, by client and limit) and, added
 * up every few seconds, in the database for the dashboard's last hour.
 */
@Service
public class LimitRefusals implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(LimitRefusals.class);
    private static final Duration KEPT = Duration.ofDays(1);

    private final RefusalMinutes minutes;
    private final Limits limits;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<Key, int[]> counting = new ConcurrentHashMap<>();

    LimitRefusals(RefusalMinutes minutes, Limits limits, MeterRegistry meters, Clock clock) {
        this.minutes = minutes;
        this.limits = limits;
        this.meters = meters;
        this.clock = clock;
    }

    private record Key(ClientId clientId, Instant minute) {
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::store, Duration.ofSeconds(5));
    }

    /** A {@code 429} for a request over the client's submission rate. */
    public ApiException rateLimited(ClientId clientId, RateDecision decision) {
        count(clientId, "rate", 0);
        return new ApiException(ProblemType.RATE_LIMITED, "Over the submission rate of "
                + decision.limits().submissionsPerSecond() + " per second (bursts of "
                + decision.limits().submissionBurst() + "); try again in " + decision.retryAfterSeconds() + " s.",
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()),
                        RateDecision.POLICY_HEADER, decision.policy(), RateDecision.HEADER, decision.state()));
    }

    /** A {@code 429} for a submission while the client has as many open tickets as it may. */
    public ApiException tooManyOpenTickets(ClientId clientId, long retryAfterSeconds) {
        count(clientId, "open-tickets", 1);
        return new ApiException(ProblemType.TOO_MANY_OPEN_TICKETS, "The client has "
                + limits.of(clientId).maxOpenTickets() + " open tickets, as many as it may; a ticket is open until "
                + "its callback is delivered or exhausted.",
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
    }

    /** What each client's limits refused in the last hour, across every instance. */
    public Map<ClientId, Refused> lastHour() {
        return minutes.since(clock.instant().minus(Duration.ofHours(1)));
    }

    private void count(ClientId clientId, String limit, int index) {
        String name = limits.client(clientId).map(Limits.LimitedClient::name).orElse(clientId.toString());
        Counter.builder("dispatch.client.refused").description("Requests a client's limits refused")
                .tag("client", name).tag("limit", limit).register(meters).increment();
        // Counted inside compute, which the store's remove cannot interleave with: no count is lost.
        counting.compute(new Key(clientId, clock.instant().truncatedTo(ChronoUnit.MINUTES)), (key, counts) -> {
            int[] updated = counts == null ? new int[2] : counts;
            updated[index]++;
            return updated;
        });
    }

    void store() {
        List<RefusalMinutes.Counted> counted = new ArrayList<>();
        for (Key key : List.copyOf(counting.keySet())) {
            int[] counts = counting.remove(key);
            counted.add(new RefusalMinutes.Counted(key.clientId(), key.minute(), counts[0], counts[1]));
        }
        try {
            minutes.addAll(counted);
            minutes.deleteBefore(clock.instant().minus(KEPT));
        }
        catch (RuntimeException ex) {
            log.debug("Could not store {} minutes of refusals: {}", counted.size(), ex.getMessage());
        }
    }
}
