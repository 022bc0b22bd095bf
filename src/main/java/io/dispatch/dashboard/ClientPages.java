package io.dispatch.dashboard;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.dispatch.client.Caller;
import io.dispatch.client.ClientId;
import io.dispatch.client.admin.ClientAdministration;
import io.dispatch.client.admin.ClientView;
import io.dispatch.client.admin.NewClientRequest;
import io.dispatch.client.limits.ClientLimits;
import io.dispatch.client.limits.Limit;
import io.dispatch.client.limits.Limits;
import io.dispatch.client.secrets.RotationRequest;
import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemType;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Operators' page of clients and their keys: make a client (its key and secret shown this once),
 * make or revoke a key, rotate a webhook secret, change the limits. Every action is the API's own (section 7), and
 * answers the page again with what it made; nothing secret is ever put in a URL.
 */
@Controller
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class ClientPages {

    private final ClientAdministration clients;
    private final Limits limits;

    ClientPages(ClientAdministration clients, Limits limits) {
        this.clients = clients;
        this.limits = limits;
    }

    @GetMapping("/dashboard/clients")
    String clients(Model model) {
        List<ClientView> all = clients.all();
        Map<UUID, ClientLimits> inForce = new HashMap<>();
        all.forEach(client -> inForce.put(client.clientId(), limits.of(new ClientId(client.clientId()))));
        model.addAttribute("clients", all);
        model.addAttribute("limits", inForce);
        model.addAttribute("limitFields", Limit.values());
        return "dashboard/clients";
    }

    /** Sets the limits given a value; an empty field keeps its limit, "defaults" returns all four to the defaults. */
    @PostMapping("/dashboard/clients/{clientId}/limits")
    String changeLimits(@AuthenticationPrincipal Caller caller, @PathVariable String clientId,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        ClientView client = clients.get(caller, clientId);
        Map<Limit, Optional<Integer>> changes = new EnumMap<>(Limit.class);
        boolean defaults = form.containsKey("defaults");
        for (Limit limit : Limit.values()) {
            String value = Optional.ofNullable(form.getFirst(limit.field())).map(String::trim).orElse("");
            if (defaults) {
                changes.put(limit, Optional.empty());
            }
            else if (value.matches("[0-9]{1,9}")) {
                changes.put(limit, Optional.of(Integer.parseInt(value)));
            }
            else if (!value.isEmpty()) {
                model.addAttribute("refused", limit.field() + " must be a whole number");
                return clients(model);
            }
        }
        try {
            limits.change(new ClientId(client.clientId()), changes);
            model.addAttribute("notice", "Limits of " + client.name() + " changed; every instance has them within 5 s.");
        }
        catch (ApiException refused) {
            model.addAttribute("refused", describe(refused));
        }
        return clients(model);
    }

    private static String describe(ApiException refused) {
        return refused.violations().isEmpty() ? refused.getMessage()
                : refused.violations().get(0).field() + " " + refused.violations().get(0).message();
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
            model.addAttribute("refused", describe(refused));
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
