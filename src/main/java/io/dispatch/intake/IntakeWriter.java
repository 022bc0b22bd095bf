package io.dispatch.intake;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemType;
import io.dispatch.system.SmartBatcher;
import io.dispatch.ticket.Ticket;
import io.dispatch.ticket.TicketId;
import io.dispatch.ticket.TicketTable;

import org.springframework.stereotype.Component;

/**
 * Stores validated submissions: whatever has queued up while the last statement ran goes into the
 * next one, a single multi-row {@code INSERT … ON CONFLICT DO NOTHING} committed on its own, and
 * what had a ticket already is resolved for the whole batch with one lookup. One submission on a
 * quiet machine is a batch of one, so this costs no latency; under load a statement carries many.
 * A request thread waits only until its ticket is committed.
 */
@Component
class IntakeWriter extends SmartBatcher<IntakeWriter.Pending> {

    private static final int MOST_PER_STATEMENT = 256;
    /** About four seconds of submissions at full speed: past that a client is told at once to come back. */
    private static final int MOST_WAITING = 4_096;

    private final TicketTable tickets;
    private final Clock clock;

    IntakeWriter(TicketTable tickets, Clock clock) {
        super("intake-writer", MOST_PER_STATEMENT, MOST_WAITING);
        this.tickets = tickets;
        this.clock = clock;
    }

    /** A submission waiting to be stored, and the request thread waiting for it. */
    record Pending(TicketTable.NewTicket ticket, CompletableFuture<TaskIntake.Accepted> answer) {
    }

    /**
     * Stores a submission's ticket, or finds the ticket its request id has already.
     *
     * @throws ApiException when the request id was used with another payload
     */
    TaskIntake.Accepted accept(TicketTable.NewTicket ticket) {
        Pending pending = new Pending(ticket, new CompletableFuture<>());
        if (!offer(pending)) {
            throw new ApiException(ProblemType.SERVICE_UNAVAILABLE,
                    "Dispatch is taking in as much work as it can hold; try again shortly.");
        }
        try {
            return pending.answer().get();
        }
        catch (ExecutionException failed) {
            throw failed.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(failed);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the ticket was stored", ex);
        }
    }

    @Override
    protected void handle(List<Pending> batch) {
        try {
            store(batch);
        }
        catch (RuntimeException ex) {
            // The database is away, or the statement failed: every request of the batch is told.
            batch.forEach(pending -> pending.answer().completeExceptionally(ex));
        }
    }

    private void store(List<Pending> batch) {
        List<Ticket> made = tickets.acceptAll(batch.stream().map(Pending::ticket).toList(), clock.instant());
        Map<TicketId, Ticket> byId = new HashMap<>();
        made.forEach(ticket -> byId.put(ticket.id(), ticket));
        List<Pending> existed = new ArrayList<>();
        for (Pending pending : batch) {
            Ticket ticket = byId.get(pending.ticket().id());
            if (ticket == null) {
                existed.add(pending);
            }
            else {
                pending.answer().complete(new TaskIntake.Accepted(ticket, false));
            }
        }
        if (!existed.isEmpty()) {
            replay(existed);
        }
    }

    /**
     * The answer to a submission whose request id has a ticket already, found without storing anything.
     *
     * @return empty when the request id has no ticket
     * @throws ApiException when the request id was used with another payload
     */
    Optional<TaskIntake.Accepted> replay(TicketTable.NewTicket wanted) {
        return tickets.findAll(List.of(wanted)).stream().findFirst().map(ticket -> replayOf(wanted, ticket));
    }

    /** Answers the submissions whose request id had a ticket: the same payload replays it, another is refused. */
    private void replay(List<Pending> existed) {
        Map<String, Ticket> byKey = new HashMap<>();
        tickets.findAll(existed.stream().map(Pending::ticket).toList())
                .forEach(ticket -> byKey.put(key(ticket.clientId().toString(), ticket.type(), ticket.requestId()), ticket));
        for (Pending pending : existed) {
            TicketTable.NewTicket wanted = pending.ticket();
            Ticket ticket = byKey.get(key(wanted.clientId().toString(), wanted.type(), wanted.requestId()));
            if (ticket == null) {
                // Deleted between the insert and this read, by retention: the request id is free
                // again, and the client is told to try once more.
                pending.answer().completeExceptionally(new ApiException(ProblemType.SERVICE_UNAVAILABLE,
                        "The ticket of request id '" + wanted.requestId() + "' was just deleted; try again."));
                continue;
            }
            try {
                pending.answer().complete(replayOf(wanted, ticket));
            }
            catch (ApiException reused) {
                pending.answer().completeExceptionally(reused);
            }
        }
    }

    private static TaskIntake.Accepted replayOf(TicketTable.NewTicket wanted, Ticket ticket) {
        if (!ticket.payloadHash().equals(wanted.payloadHash())) {
            throw new ApiException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Request id '" + wanted.requestId()
                    + "' was already used with a different payload for ticket " + ticket.id() + ".");
        }
        return new TaskIntake.Accepted(ticket, true);
    }

    private static String key(String clientId, String type, String requestId) {
        return clientId + '\n' + type + '\n' + requestId;
    }
}
