package io.dispatch.tracking;

import io.dispatch.ticket.TicketTable;
import java.util.List;
import java.util.Optional;

import io.dispatch.callback.AttemptView;
import io.dispatch.callback.CallbackDeliveries;
import io.dispatch.callback.DeliveryView;
import io.dispatch.client.Caller;
import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemType;
import io.dispatch.ticket.Ticket;
import io.dispatch.ticket.TicketId;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads tickets with their callback state, as the caller may see them, and asks for redelivery:
 * for the API and the dashboard.
 */
@Service
public class TicketTracking {

    private final TicketTable tickets;
    private final TicketListing listing;
    private final CallbackDeliveries callbacks;
    private final JsonMapper json;

    TicketTracking(TicketTable tickets, TicketListing listing, CallbackDeliveries callbacks, JsonMapper json) {
        this.tickets = tickets;
        this.listing = listing;
        this.callbacks = callbacks;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public TicketView get(String id, Caller caller) {
        return view(find(id, caller));
    }

    public TicketPage list(TicketFilter filter) {
        return listing.page(filter);
    }

    @Transactional(readOnly = true)
    public List<AttemptView> attempts(String id, Caller caller) {
        return callbacks.attempts(find(id, caller).id().value());
    }

    /** One more delivery of a finished ticket's callback. */
    @Transactional
    public TicketView redeliver(String id, Caller caller) {
        Ticket ticket = find(id, caller);
        if (!ticket.status().isFinished() || !callbacks.redeliver(ticket.id().value())) {
            throw new ApiException(ProblemType.TICKET_NOT_FINISHED,
                    "Ticket " + id + " is " + ticket.status() + "; its callback can be redelivered once the work ends.");
        }
        return view(ticket);
    }

    /** Another client's ticket is not found, exactly like one that does not exist. */
    private Ticket find(String id, Caller caller) {
        return TicketId.parse(id)
                .flatMap(ticketId -> tickets.find(ticketId, caller))
                .orElseThrow(() -> new ApiException(ProblemType.TICKET_NOT_FOUND, "There is no ticket '" + id + "'."));
    }

    /** The request as it was submitted (the use case's payload), for the dashboard's ticket page. */
    @Transactional(readOnly = true)
    public String payload(String id, Caller caller) {
        return find(id, caller).payload();
    }

    TicketView view(Ticket ticket) {
        DeliveryView delivery = callbacks.find(ticket.id().value())
                .orElseGet(() -> DeliveryView.notStarted(ticket.callbackUrl()));
        return new TicketView(ticket.id().value(), ticket.requestId(), ticket.type(), ticket.clientId().value(), ticket.status(),
                ticket.createdAt(), ticket.updatedAt(),
                Optional.ofNullable(ticket.result()).map(json::readTree).orElse(null), ticket.error(), delivery);
    }
}
