package io.dispatch.client.limits;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.dispatch.client.ClientId;
import io.dispatch.system.sql.BatchValues;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every statement on {@code limit_refusals}: refusals per client, limit and minute. */
@Repository
class RefusalMinutes {

    private final JdbcClient jdbc;

    RefusalMinutes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Refusals counted in one minute, by limit. */
    record Counted(ClientId clientId, Instant minute, int rateLimited, int tooManyOpen) {
    }

    /** Adds counts to their minutes, one statement for them all. */
    void addAll(Collection<Counted> counts) {
        if (counts.isEmpty()) {
            return;
        }
        BatchValues rows = new BatchValues();
        counts.forEach(count -> rows.row().value("clientId", count.clientId().value(), "uuid")
                .value("minute", Timestamp.from(count.minute()), "timestamptz")
                .value("rate", count.rateLimited(), "integer").value("open", count.tooManyOpen(), "integer"));
        jdbc.sql("INSERT INTO limit_refusals (client_id, minute, rate_limited, too_many_open) VALUES " + rows
                + " ON CONFLICT (client_id, minute) DO UPDATE SET rate_limited = limit_refusals.rate_limited + "
                + "EXCLUDED.rate_limited, too_many_open = limit_refusals.too_many_open + EXCLUDED.too_many_open")
                .params(rows.params())
                .update();
    }

    /** Refusals per client since {@code since}. */
    Map<ClientId, Refused> since(Instant since) {
        Map<ClientId, Refused> refused = new HashMap<>();
        jdbc.sql("SELECT client_id, sum(rate_limited), sum(too_many_open) FROM limit_refusals WHERE minute >= :since "
                + "GROUP BY client_id")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> refused.put(new ClientId(rs.getObject(1, UUID.class)),
                        new Refused(rs.getLong(2), rs.getLong(3))))
                .list();
        return refused;
    }

    int deleteBefore(Instant before) {
        return jdbc.sql("DELETE FROM limit_refusals WHERE minute < :before").param("before", Timestamp.from(before))
                .update();
    }
}
