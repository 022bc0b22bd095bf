package io.dispatch.client;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Who is calling the API: a client application, by one of its keys, or an operator with an admin
 * key. It is the principal of every authenticated API request ({@code @AuthenticationPrincipal}).
 *
 * @param clientId the calling client, or null for an operator
 * @param keyId the public id of the key used
 */
public record Caller(@Nullable ClientId clientId, String keyId) implements OAuth2AuthenticatedPrincipal {

    public static final String CLIENT = "CLIENT";
    public static final String ADMIN = "ADMIN";

    public static Caller operator() {
        return new Caller(null, "admin");
    }

    public static Caller client(ClientId clientId, String keyId) {
        return new Caller(clientId, keyId);
    }

    public boolean isOperator() {
        return clientId == null;
    }

    /** The client whose tickets this caller may see; empty for an operator, who sees every client's. */
    public Optional<ClientId> scope() {
        return Optional.ofNullable(clientId);
    }

    @Override
    public Map<String, Object> getAttributes() {
        return Map.of();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + (isOperator() ? ADMIN : CLIENT)));
    }

    @Override
    public String getName() {
        return keyId;
    }
}
