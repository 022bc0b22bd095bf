package io.dispatch.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.callback.DeliveryStatus;
import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.client.limits.SubmissionRate;
import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemType;
import io.dispatch.ticket.TicketStatus;
import io.dispatch.tracking.TicketFilter;
import io.dispatch.tracking.TicketPage;
import io.dispatch.tracking.TicketTracking;
import io.dispatch.tracking.TicketView;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.json.JsonMapper;

/**
 * The tickets: the list with the API's filters in the URL (so a page can be shared), a box that
 * jumps to a ticket or request id, and one ticket with its request, outcome, callback and attempts.
 */
@Controller
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class TicketPages {

    /** The cursors of the pages before, so that "previous" needs no backward keyset query. */
    private static final String TRAIL = "trail";

    private final TicketTracking tickets;
    private final ClientFigures clients;
    private final SubmissionRate submissionRate;
    private final JsonMapper json;

    TicketPages(TicketTracking tickets, ClientFigures clients, SubmissionRate submissionRate, JsonMapper json) {
        this.clients = clients;
        this.submissionRate = submissionRate;
        this.tickets = tickets;
        this.json = json;
    }

    @GetMapping("/dashboard/tickets")
    String list(@AuthenticationPrincipal Caller caller, @RequestParam MultiValueMap<String, String> form, Model model) {
        // The filter form sends its empty fields too: they mean "any", not "empty".
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        form.forEach((name, values) -> {
            List<String> given = values.stream().filter(value -> !value.isBlank() || name.equals(TRAIL)).toList();
            if (!given.isEmpty()) {
                query.put(name, given);
            }
        });
        model.addAttribute("query", query);
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("callbackStatuses", DeliveryStatus.values());
        try {
            TicketPage page = tickets.list(TicketFilter.of(query, caller));
            model.addAttribute("tickets", page.tickets());
            Map<UUID, String> names = new HashMap<>();
            page.tickets().forEach(t -> names.computeIfAbsent(t.clientId(), id -> clients.nameOf(new ClientId(id))));
            model.addAttribute("clientNames", names);
            model.addAttribute("next", page.nextCursor() == null ? null : next(query, page.nextCursor()));
            model.addAttribute("previous", previous(query));
        }
        catch (ApiException invalid) {
            model.addAttribute("tickets", List.of());
            model.addAttribute("invalid", invalid.violations());
        }
        return "dashboard/tickets";
    }

    /** The jump box: a ticket id opens the ticket, anything else is looked up as a request id. */
    @GetMapping("/dashboard/find")
    String find(@AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "") String q) {
        String wanted = q.trim();
        if (isUuid(wanted) && exists(wanted, caller)) {
            return "redirect:/dashboard/tickets/" + wanted;
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/dashboard/tickets").queryParam("requestId", wanted)
                .encode().build().toUriString();
    }

    @GetMapping("/dashboard/tickets/{ticketId}")
    String ticket(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId, Model model) {
        delivery(caller, ticketId, model);
        model.addAttribute("payload", pretty(tickets.payload(ticketId, caller)));
        TicketView ticket = (TicketView) model.getAttribute("ticket");
        model.addAttribute("result", ticket == null || ticket.result() == null ? null
                : json.writerWithDefaultPrettyPrinter().writeValueAsString(ticket.result()));
        return "dashboard/ticket";
    }

    /** The callback's part of the page, which refreshes itself while a delivery is in flight. */
    @GetMapping("/dashboard/tickets/{ticketId}/delivery")
    String delivery(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId, Model model) {
        show(tickets.get(ticketId, caller), caller, model);
        return "dashboard/ticket :: delivery";
    }

    /** Answers the callback's part of the page again, with what became of the request. */
    @PostMapping("/dashboard/tickets/{ticketId}/redeliver")
    String redeliver(@AuthenticationPrincipal Caller caller, @PathVariable String ticketId, Model model) {
        try {
            caller.scope().ifPresent(submissionRate::admit);
            show(tickets.redeliver(ticketId, caller), caller, model);
            model.addAttribute("message", "Redelivery scheduled: a new attempt is on its way.");
        }
        catch (ApiException refused) {
            if (refused.type() != ProblemType.TICKET_NOT_FINISHED && refused.type() != ProblemType.RATE_LIMITED) {
                throw refused;
            }
            show(tickets.get(ticketId, caller), caller, model);
            model.addAttribute("message", "Not redelivered (" + refused.type().status().value() + "): "
                    + refused.getMessage());
        }
        return "dashboard/ticket :: delivery";
    }

    private void show(TicketView ticket, Caller caller, Model model) {
        DeliveryStatus delivery = ticket.callback().status();
        model.addAttribute("ticket", ticket);
        model.addAttribute("clientName", clients.nameOf(new ClientId(ticket.clientId())));
        model.addAttribute("attempts", tickets.attempts(ticket.ticketId().toString(), caller));
        model.addAttribute("inFlight", delivery == DeliveryStatus.PENDING || delivery == DeliveryStatus.RETRYING);
    }

    private boolean exists(String ticketId, Caller caller) {
        try {
            tickets.get(ticketId, caller);
            return true;
        }
        catch (ApiException notFound) {
            return false;
        }
    }

    private String pretty(String payload) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(payload));
    }

    private static String next(MultiValueMap<String, String> query, String cursor) {
        MultiValueMap<String, String> next = new LinkedMultiValueMap<>(query);
        List<String> trail = new ArrayList<>(query.getOrDefault(TRAIL, List.of()));
        trail.add(Optional.ofNullable(query.getFirst("cursor")).orElse(""));
        next.put(TRAIL, trail);
        next.put("cursor", List.of(cursor));
        return url(next);
    }

    private static @Nullable String previous(MultiValueMap<String, String> query) {
        List<String> trail = query.getOrDefault(TRAIL, List.of());
        if (trail.isEmpty()) {
            return null;
        }
        MultiValueMap<String, String> previous = new LinkedMultiValueMap<>(query);
        String cursor = trail.get(trail.size() - 1);
        previous.put(TRAIL, new ArrayList<>(trail.subList(0, trail.size() - 1)));
        if (cursor.isEmpty()) {
            previous.remove("cursor");
        }
        else {
            previous.put("cursor", List.of(cursor));
        }
        return url(previous);
    }

    private static String url(MultiValueMap<String, String> query) {
        return UriComponentsBuilder.fromPath("/dashboard/tickets").queryParams(query).encode().build().toUriString();
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return true;
        }
        catch (IllegalArgumentException notOne) {
            return false;
        }
    }
}
