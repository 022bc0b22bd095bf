package io.dispatch.tracking;

import io.dispatch.system.sql.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.dispatch.callback.DeliveryStatus;
import io.dispatch.callback.DeliveryView;
import io.dispatch.ticket.TicketStatus;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The ticket list: one statement per page, the caller's client and every filter in its {@code WHERE},
 * newest first by keyset ({@code (created_at, id) < the cursor}), never by offset, so a page costs
 * the same however deep it is and stays stable while tickets are added. The delivery is joined in
 * the same statement (read only; the callback module owns its writes), so that a page is one round
 * trip and {@code callbackStatus} filters in the database. Payloads are never read.
 */
@Repository
class TicketListing {

    private static final String SELECT = """
            SELECT t.id, t.client_id, t.type, t.request_id, t.callback_url, t.status, t.result, t.error,
                   t.created_at, t.updated_at, d.status AS delivery_status, d.attempts, d.last_attempt_at,
                   d.last_status_code, d.next_attempt_at
            FROM tickets t LEFT JOIN callback_deliveries d ON d.ticket_id = t.id
            WHERE true""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TicketListing(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    TicketPage page(TicketFilter filter) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object[]> params = new ArrayList<>();
        if (filter.scope() != null) {
            where(sql, params, " AND t.client_id = :clientId", "clientId", filter.scope().value());
        }
        if (filter.requestId() != null) {
            where(sql, params, " AND t.request_id = :requestId", "requestId", filter.requestId());
        }
        if (!filter.statuses().isEmpty()) {
            where(sql, params, " AND t.status IN (:statuses)", "statuses",
                    filter.statuses().stream().map(Enum::name).toList());
        }
        if (!filter.callbackStatuses().isEmpty()) {
            // A subquery, so that a rare status (RETRYING, EXHAUSTED) is found through its partial
            // index rather than by walking the newest tickets until enough match. No delivery row yet means the work has not ended: the API shows
            // that callback as PENDING.
            String deliveries = "t.id IN (SELECT ticket_id FROM callback_deliveries WHERE status IN (:callbackStatuses)"
                    + (filter.scope() != null ? " AND client_id = :clientId)" : ")");
            where(sql, params, filter.callbackStatuses().contains(DeliveryStatus.PENDING)
                    ? " AND (" + deliveries + " OR (t.status IN ('ACCEPTED', 'PROCESSING') AND d.ticket_id IS NULL))"
                    : " AND " + deliveries, "callbackStatuses",
                    filter.callbackStatuses().stream().map(Enum::name).toList());
        }
        if (filter.type() != null) {
            where(sql, params, " AND t.type = :type", "type", filter.type());
        }
        if (filter.createdAfter() != null) {
            where(sql, params, " AND t.created_at >= :createdAfter", "createdAfter",
                    Timestamp.from(filter.createdAfter()));
        }
        if (filter.createdBefore() != null) {
            where(sql, params, " AND t.created_at < :createdBefore", "createdBefore",
                    Timestamp.from(filter.createdBefore()));
        }
        if (filter.after() != null) {
            sql.append(" AND (t.created_at, t.id) < (:afterCreatedAt, :afterId)");
            params.add(new Object[] { "afterCreatedAt", Timestamp.from(filter.after().createdAt()) });
            params.add(new Object[] { "afterId", filter.after().id() });
        }
        sql.append(" ORDER BY t.created_at DESC, t.id DESC LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", filter.limit() + 1);
        for (Object[] param : params) {
            statement = statement.param((String) param[0], param[1]);
        }
        List<TicketView> rows = statement.query(this::view).list();
        if (rows.size() <= filter.limit()) {
            return new TicketPage(rows, null);
        }
        List<TicketView> page = rows.subList(0, filter.limit());
        TicketView last = page.get(page.size() - 1);
        return new TicketPage(List.copyOf(page), TicketCursor.write(
                new TicketCursor.Position(last.createdAt(), last.ticketId()), filter.fingerprint()));
    }

    private static void where(StringBuilder sql, List<Object[]> params, String clause, String name, Object value) {
        sql.append(clause);
        params.add(new Object[] { name, value });
    }

    private TicketView view(ResultSet rs, int n) throws SQLException {
        String callbackUrl = rs.getString("callback_url");
        String deliveryStatus = rs.getString("delivery_status");
        DeliveryView delivery = deliveryStatus == null ? DeliveryView.notStarted(callbackUrl)
                : new DeliveryView(callbackUrl, DeliveryStatus.valueOf(deliveryStatus), rs.getInt("attempts"),
                        Times.instant(rs.getTimestamp("last_attempt_at")), (Integer) rs.getObject("last_status_code"),
                        Times.instant(rs.getTimestamp("next_attempt_at")));
        String result = rs.getString("result");
        return new TicketView(rs.getObject("id", UUID.class), rs.getString("request_id"), rs.getString("type"),
                rs.getObject("client_id", UUID.class), TicketStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                result == null ? null : json.readTree(result), rs.getString("error"), delivery);
    }

}
