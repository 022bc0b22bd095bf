package io.dispatch.dashboard;

import java.time.Duration;

import io.dispatch.client.Caller;
import io.dispatch.client.admin.ClientAdministration;
import io.dispatch.client.admin.NewClientRequest;
import io.dispatch.client.secrets.RotationRequest;
import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemType;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Operators' page of clients and their keys: make a client (its key and secret shown this once),
 * make or revoke a key, rotate a webhook secret. Every action is the API's own (section 7), and
 * answers the page again with what it made; nothing secret is ever put in a URL.
 */
@Controller
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class ClientPages {

    private final ClientAdministration clients;

    ClientPages(ClientAdministration clients) {
        this.clients = clients;
    }

    @GetMapping("/dashboard/clients")
    String clients(Model model) {
        model.addAttribute("clients", clients.all());
        return "dashboard/clients";
    }

    @PostMapping("/dashboard/clients")
    String create(@RequestParam String name, @RequestParam(required = false) @Nullable String webhookSecret,
            Model model) {
        try {
            model.addAttribute("created", clients.create(new NewClientRequest(name,
                    webhookSecret == null || webhookSecret.isBlank() ? null : webhookSecret.trim())));
        }
        catch (ApiException refused) {
            if (refused.type() != ProblemType.INVALID_REQUEST && refused.type() != ProblemType.CLIENT_NAME_TAKEN) {
                throw refused;
            }
            model.addAttribute("refused", refused.violations().isEmpty() ? refused.getMessage()
                    : refused.violations().get(0).field() + " " + refused.violations().get(0).message());
        }
        return clients(model);
    }

    @PostMapping("/dashboard/clients/{clientId}/keys")
    String newKey(@AuthenticationPrincipal Caller caller, @PathVariable String clientId, Model model) {
        model.addAttribute("newKey", clients.newKey(caller, clientId));
        model.addAttribute("newKeyClient", clients.get(caller, clientId).name());
        return clients(model);
    }

    @PostMapping("/dashboard/clients/{clientId}/keys/{keyId}/revoke")
    String revoke(@AuthenticationPrincipal Caller caller, @PathVariable String clientId, @PathVariable String keyId,
            Model model) {
        clients.revoke(caller, clientId, keyId);
        model.addAttribute("notice", "Key " + keyId + " is revoked.");
        return clients(model);
    }

    @PostMapping("/dashboard/clients/{clientId}/webhook-secrets")
    String rotate(@AuthenticationPrincipal Caller caller, @PathVariable String clientId,
            @RequestParam(defaultValue = "PT24H") String previousExpiresIn, Model model) {
        model.addAttribute("newSecret", clients.rotate(caller, clientId,
                new RotationRequest(Duration.parse(previousExpiresIn))));
        model.addAttribute("newSecretClient", clients.get(caller, clientId).name());
        return clients(model);
    }
}
