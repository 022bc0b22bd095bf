package io.dispatch.callback;

import java.util.List;

/**
 * Attempts claimed in a transaction, to be sent once it commits: a worker's first attempts,
 * claimed by the insert that schedules them, or a redelivery.
 */
public record AttemptsClaimed(List<Outgoing> attempts) {

    public AttemptsClaimed {
        attempts = List.copyOf(attempts);
    }
}
