package io.dispatch.work;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dispatch.callback.CallbackDeliveries;
import io.dispatch.callback.CallbackEvent;
import io.dispatch.ticket.ClaimedTicket;
import io.dispatch.ticket.RunOutcome;
import io.dispatch.ticket.TicketId;
import io.dispatch.ticket.TicketStatus;
import io.dispatch.ticket.TicketTable;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.util.RawValue;

/**
 * Stores a batch's outcomes and the callbacks that announce them in one transaction: after it
 * commits, the messages may be acknowledged, because nothing of the runs is left only in memory.
 */
@Component
class RunRecorder {

    private final TicketTable tickets;
    private final CallbackDeliveries callbacks;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RunRecorder(TicketTable tickets, CallbackDeliveries callbacks, TransactionTemplate transaction, Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
        this.callbacks = callbacks;
        this.transaction = transaction;
    }

    /**
     * One ticket's run.
     *
     * @param traceParent the trace the ticket was submitted in, which its callback joins
     */
    record Run(ClaimedTicket ticket, RunOutcome outcome, @Nullable String traceParent) {
    }

    /** @return the tickets whose outcome was stored; the others lost their claim meanwhile, and were discarded */
    Set<TicketId> recordAll(List<Run> runs) {
        return transaction.execute(status -> {
            Map<ClaimedTicket, RunOutcome> outcomes = new LinkedHashMap<>();
            runs.forEach(run -> outcomes.put(run.ticket(), run.outcome()));
            Set<TicketId> stored = tickets.finishAll(outcomes, clock.instant());
            callbacks.scheduleAll(runs.stream().filter(run -> stored.contains(run.ticket().id())).map(this::event)
                    .toList());
            return stored;
        });
    }

    private CallbackEvent event(Run run) {
        ClaimedTicket ticket = run.ticket();
        RunOutcome outcome = run.outcome();
        TicketStatus status = outcome.succeeded() ? TicketStatus.COMPLETED : TicketStatus.FAILED;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", ticket.id().value());
        data.put("requestId", ticket.requestId());
        data.put("status", status);
        // The result is the JSON its use case was written to a moment ago: embedded as it is, not
        // parsed back into a tree only to be written out again.
        data.put("result", outcome.result() == null ? null : new RawValue(outcome.result()));
        data.put("error", outcome.error());
        return new CallbackEvent(ticket.id().value(), ticket.clientId(), ticket.submittedAt(), ticket.callbackUrl(),
                ticket.type() + (outcome.succeeded() ? ".completed" : ".failed"), data, run.traceParent());
    }
}
