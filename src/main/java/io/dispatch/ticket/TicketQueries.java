package io.dispatch.ticket;

import java.util.List;
import java.util.Optional;

import io.dispatch.callback.AttemptView;
import io.dispatch.callback.CallbackDeliveries;
import io.dispatch.callback.DeliveryView;
import io.dispatch.client.Caller;
import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemType;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Reads tickets with their callback state for the API, and asks for redelivery. */
@Service
class TicketQueries {

    private final TicketStore tickets;
    private final CallbackDeliveries callbacks;
    private final JsonMapper json;

    TicketQueries(TicketStore tickets, CallbackDeliveries callbacks, JsonMapper json) {
        this.tickets = tickets;
        this.callbacks = callbacks;
        this.json = json;
    }

    @Transactional(readOnly = true)
    TicketView get(String id, Caller caller) {
        return view(find(id, caller));
    }

    @Transactional(readOnly = true)
    List<TicketView> byRequestId(String requestId, Caller caller) {
        return tickets.findByRequestId(requestId, caller).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    List<AttemptView> attempts(String id, Caller caller) {
        return callbacks.attempts(find(id, caller).id());
    }

    /** One more delivery of a finished ticket's callback. */
    @Transactional
    TicketView redeliver(String id, Caller caller) {
        Ticket ticket = find(id, caller);
        if (!ticket.status().isFinished() || !callbacks.redeliver(ticket.id())) {
            throw new ApiException(ProblemType.TICKET_NOT_FINISHED,
                    "Ticket " + id + " is " + ticket.status() + "; its callback can be redelivered once the work ends.");
        }
        return view(ticket);
    }

    /** Another client's ticket is not found, exactly like one that does not exist. */
    private Ticket find(String id, Caller caller) {
        return TicketId.parse(id)
                .flatMap(ticketId -> tickets.find(ticketId.value(), caller))
                .orElseThrow(() -> new ApiException(ProblemType.TICKET_NOT_FOUND, "There is no ticket '" + id + "'."));
    }

    TicketView view(Ticket ticket) {
        DeliveryView delivery = callbacks.find(ticket.id())
                .orElseGet(() -> DeliveryView.notStarted(ticket.callbackUrl()));
        return new TicketView(ticket.id(), ticket.requestId(), ticket.type(), ticket.clientId().value(), ticket.status(),
                ticket.createdAt(), ticket.updatedAt(),
                Optional.ofNullable(ticket.result()).map(json::readTree).orElse(null), ticket.error(), delivery);
    }
}
