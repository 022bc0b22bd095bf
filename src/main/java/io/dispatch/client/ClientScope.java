package io.dispatch.client;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A query over one client's rows, or over every client's for an operator: the scope in the query itself. */
public final class ClientScope {

    private ClientScope() {
    }

    /**
     * @param query ends in a {@code WHERE} clause that the scope is added to with {@code AND}
     * @param column the client id's column, with its table's alias if the query needs one
     * @param tail what follows the {@code WHERE} clause ({@code GROUP BY …}, or nothing)
     */
    public static JdbcClient.StatementSpec statement(JdbcClient jdbc, String query, @Nullable ClientId scope,
            String column, String tail) {
        return scope == null ? jdbc.sql(query + tail)
                : jdbc.sql(query + " AND " + column + " = :clientId" + tail).param("clientId", scope.value());
    }
}
