package io.dispatch.client.limits;

import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * The limits a client has, each with its JSON field, its setting and its column: the API, the
 * settings and the table are checked and read through this one list.
 */
public enum Limit {

    SUBMISSIONS_PER_SECOND("submissionsPerSecond", "submissions-per-second", ClientLimits::submissionsPerSecond),
    SUBMISSION_BURST("submissionBurst", "submission-burst", ClientLimits::submissionBurst),
    MAX_OPEN_TICKETS("maxOpenTickets", "max-open-tickets", ClientLimits::maxOpenTickets),
    PARALLEL_CALLBACKS("parallelCallbacks", "parallel-callbacks", ClientLimits::parallelCallbacks);

    private final String field;
    private final String setting;
    private final ToIntFunction<ClientLimits> value;

    Limit(String field, String setting, ToIntFunction<ClientLimits> value) {
        this.field = field;
        this.setting = setting;
        this.value = value;
    }

    /** The name in the API's JSON. */
    public String field() {
        return field;
    }

    /** The setting of its default; the ceiling's is {@code dispatch.limits.ceiling.} and the same name. */
    String setting() {
        return "dispatch.limits." + setting;
    }

    String ceilingSetting() {
        return "dispatch.limits.ceiling." + setting;
    }

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int of(ClientLimits limits) {
        return value.applyAsInt(limits);
    }
}
