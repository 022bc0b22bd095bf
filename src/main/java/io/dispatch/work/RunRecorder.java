package io.dispatch.work;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dispatch.callback.CallbackDeliveries;
import io.dispatch.callback.CallbackEvent;
import io.dispatch.ticket.ClaimedTicket;
import io.dispatch.ticket.TicketStatus;
import io.dispatch.ticket.Tickets;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a run's outcome and the callback that announces it in one transaction: after it commits,
 * the message may be acknowledged, because nothing of the run is left only in memory.
 */
@Component
class RunRecorder {

    private final Tickets tickets;
    private final CallbackDeliveries callbacks;
    private final JsonMapper json;

    RunRecorder(Tickets tickets, CallbackDeliveries callbacks, JsonMapper json) {
        this.tickets = tickets;
        this.callbacks = callbacks;
        this.json = json;
    }

    /** @return false when the ticket's claim was lost meanwhile and the outcome was discarded */
    @Transactional
    boolean record(ClaimedTicket ticket, RunOutcome outcome) {
        boolean stored = outcome.succeeded()
                ? tickets.complete(ticket, outcome.result())
                : tickets.fail(ticket, outcome.error());
        if (stored) {
            TicketStatus status = outcome.succeeded() ? TicketStatus.COMPLETED : TicketStatus.FAILED;
            callbacks.schedule(new CallbackEvent(ticket.id().value(), ticket.clientId(), ticket.submittedAt(),
                    ticket.callbackUrl(), ticket.type() + (outcome.succeeded() ? ".completed" : ".failed"),
                    data(ticket, status, outcome)));
        }
        return stored;
    }

    private Map<String, Object> data(ClaimedTicket ticket, TicketStatus status, RunOutcome outcome) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticket.id().value());
        data.put("requestId", ticket.requestId());
        data.put("status", status);
        data.put("result", outcome.result() == null ? null : json.readTree(outcome.result()));
        data.put("error", outcome.error());
        return data;
    }
}
