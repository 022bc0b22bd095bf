package io.dispatch.client.admin;

import java.util.List;

import io.dispatch.client.Caller;
import io.dispatch.client.keys.NewKey;
import io.dispatch.client.secrets.RotationRequest;
import io.dispatch.client.secrets.SecretView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Clients, their keys and their webhook secrets. Operator-only, except reading a client and its
 * secrets and rotating them, which a client may do for itself ({@code me} or its own id).
 */
@RestController
@RequestMapping("/api/v1/clients")
@Tag(name = "clients", description = "Client applications, their API keys and their webhook secrets")
class ClientController {

    private static final String PROBLEM = "application/problem+json";

    private final ClientAdministration administration;

    ClientController(ClientAdministration administration) {
        this.administration = administration;
    }

    @Operation(summary = "Make a client (operators)", description = """
            Answers the client with its first API key and its webhook secret. The key is shown only now. \
            Give webhookSecret to keep a receiver's existing secret.""")
    @ApiResponse(responseCode = "201", description = "Made; Location names the client")
    @ApiResponse(responseCode = "400", description = "A name not 1-64 of a-z 0-9 -, or a malformed secret",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "409", description = "The name is taken", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "403", description = "A client's key: only operators can do this",
            content = @Content(mediaType = PROBLEM))
    @PostMapping
    ResponseEntity<CreatedClient> create(@RequestBody NewClientRequest request) {
        CreatedClient client = administration.create(request);
        return ResponseEntity.status(201).header("Location", "/api/v1/clients/" + client.clientId()).body(client);
    }

    @Operation(summary = "Every client with its keys (operators); never a key or a secret")
    @ApiResponse(responseCode = "200", description = "The clients")
    @ApiResponse(responseCode = "403", description = "A client's key: only operators can do this",
            content = @Content(mediaType = PROBLEM))
    @GetMapping
    List<ClientView> clients() {
        return administration.all();
    }

    @Operation(summary = "One client with its keys; a client may read itself (me)")
    @ApiResponse(responseCode = "200", description = "The client")
    @ApiResponse(responseCode = "404", description = "No such client, or another client's",
            content = @Content(mediaType = PROBLEM))
    @GetMapping("/{clientId}")
    ClientView client(@AuthenticationPrincipal Caller caller, @PathVariable String clientId) {
        return administration.get(caller, clientId);
    }

    @Operation(summary = "Make another API key for a client (operators); the key is shown only now")
    @ApiResponse(responseCode = "201", description = "The new key")
    @ApiResponse(responseCode = "403", description = "A client's key: only operators can do this",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such client", content = @Content(mediaType = PROBLEM))
    @PostMapping("/{clientId}/keys")
    ResponseEntity<NewKey> newKey(@AuthenticationPrincipal Caller caller, @PathVariable String clientId) {
        return ResponseEntity.status(201).body(administration.newKey(caller, clientId));
    }

    @Operation(summary = "Revoke a key (operators); it is refused from then on")
    @ApiResponse(responseCode = "204", description = "Revoked")
    @ApiResponse(responseCode = "403", description = "A client's key: only operators can do this",
            content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such client or key", content = @Content(mediaType = PROBLEM))
    @DeleteMapping("/{clientId}/keys/{keyId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable String clientId,
            @PathVariable String keyId) {
        administration.revoke(caller, clientId, keyId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The client's live webhook secrets, newest first; a client may read its own (me)")
    @ApiResponse(responseCode = "200", description = "The live secrets")
    @ApiResponse(responseCode = "404", description = "No such client, or another client's",
            content = @Content(mediaType = PROBLEM))
    @GetMapping("/{clientId}/webhook-secrets")
    List<SecretView> secrets(@AuthenticationPrincipal Caller caller, @PathVariable String clientId) {
        return administration.secrets(caller, clientId);
    }

    @Operation(summary = "Rotate the webhook secret; a client may rotate its own (me)", description = """
            The new secret signs at once; the ones live until now go on signing for previousExpiresIn \
            (ISO-8601, default PT24H; PT0S ends them now).""")
    @ApiResponse(responseCode = "201", description = "The new secret")
    @ApiResponse(responseCode = "400", description = "A previousExpiresIn below PT0S or above P30D", content = @Content(mediaType = PROBLEM))
    @ApiResponse(responseCode = "404", description = "No such client, or another client's",
            content = @Content(mediaType = PROBLEM))
    @PostMapping("/{clientId}/webhook-secrets")
    ResponseEntity<SecretView> rotate(@AuthenticationPrincipal Caller caller, @PathVariable String clientId,
            @RequestBody(required = false) @Nullable RotationRequest request) {
        return ResponseEntity.status(201).body(administration.rotate(caller, clientId, request));
    }
}
