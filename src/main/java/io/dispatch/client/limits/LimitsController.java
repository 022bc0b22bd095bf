package io.dispatch.client.limits;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dispatch.client.Caller;
import io.dispatch.client.ClientTable;
import io.dispatch.system.ApiException;
import io.dispatch.system.FieldViolation;
import io.dispatch.system.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/** A client's limits: a client reads its own ({@code me}), an operator reads and changes any. */
@RestController
@RequestMapping("/api/v1/clients/{clientId}/limits")
@Tag(name = "clients", description = "Client applications, their API keys and their webhook secrets")
class LimitsController {

    private static final String PROBLEM = "application/problem+json";

    private final ClientTable clients;
    private final Limits limits;

    LimitsController(ClientTable clients, Limits limits) {
        this.clients = clients;
        this.limits = limits;
    }

    @Operation(summary = "A client's limits; a client may read its own (me)")
    @ApiResponse(responseCode = "200", description = "The limits in force")
    @ApiResponse(responseCode = "404", description = "No such client, or another client's",
            content = @Content(mediaType = PROBLEM))
    @GetMapping
    ClientLimits limits(@AuthenticationPrincipal Caller caller, @PathVariable String clientId) {
        return limits.of(find(caller, clientId).id());
    }

    @Operation(summary = "Change a client's limits (operators)", description = """
            Any of submissionsPerSecond, submissionBurst, maxOpenTickets, parallelCallbacks: a number sets it, \
            null returns it to the default, an omitted field keeps its value. Holds on every instance within 5 s.""")
    @ApiResponse(responseCode = "200", description = "The limits in force now")
    @ApiResponse(responseCode = "400", description = "A value that is not a whole number from 1 to its ceiling",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "A client's key: only operators can do this",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such client", content = @Content(mediaType = PROBLEM))
    @PutMapping
    ClientLimits change(@AuthenticationPrincipal Caller caller, @PathVariable String clientId,
            @RequestBody JsonNode body) {
        ClientTable.StoredClient client = find(caller, clientId);
        if (!body.isObject()) {
            throw new ApiException(ProblemType.MALFORMED_BODY, "The request body must be a JSON object.");
        }
        Map<Limit, Optional<Integer>> changes = new EnumMap<>(Limit.class);
        List<FieldViolation> violations = new ArrayList<>();
        for (Limit limit : Limit.values()) {
            JsonNode value = body.get(limit.field());
            if (value == null) {
                continue;
            }
            if (value.isNull()) {
                changes.put(limit, Optional.empty());
            }
            else if (value.isIntegralNumber() && value.canConvertToInt()) {
                changes.put(limit, Optional.of(value.intValue()));
            }
            else {
                violations.add(new FieldViolation(limit.field(), "must be a whole number or null"));
            }
        }
        violations.addAll(limits.outOfRange(changes));
        if (!violations.isEmpty()) {
            throw new ApiException(ProblemType.INVALID_REQUEST, "The request has invalid fields.", violations);
        }
        return limits.change(client.id(), changes);
    }

    private ClientTable.StoredClient find(Caller caller, String clientId) {
        return clients.findAs(caller, clientId)
                .orElseThrow(() -> new ApiException(ProblemType.CLIENT_NOT_FOUND, "There is no client '" + clientId + "'."));
    }
}
