package io.dispatch.client.limits;

import java.util.EnumMap;
import java.util.Map;

/**
 * The limits one client works under, as the API shows them.
 *
 * @param submissionsPerSecond how fast the client's token bucket refills
 * @param submissionBurst how many tokens the bucket holds
 * @param maxOpenTickets how many of its tickets may be open (work or callback not ended) at once
 * @param parallelCallbacks how many of its callbacks one instance sends at once
 */
public record ClientLimits(int submissionsPerSecond, int submissionBurst, int maxOpenTickets, int parallelCallbacks) {

    static ClientLimits of(Map<Limit, Integer> values) {
        return new ClientLimits(values.get(Limit.SUBMISSIONS_PER_SECOND), values.get(Limit.SUBMISSION_BURST),
                values.get(Limit.MAX_OPEN_TICKETS), values.get(Limit.PARALLEL_CALLBACKS));
    }

    /** These limits with an operator's values over them. */
    ClientLimits with(Map<Limit, Integer> overrides) {
        Map<Limit, Integer> values = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            values.put(limit, overrides.getOrDefault(limit, limit.of(this)));
        }
        return of(values);
    }
}
