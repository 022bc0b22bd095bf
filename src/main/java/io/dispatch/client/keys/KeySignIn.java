package io.dispatch.client.keys;

import io.dispatch.client.Caller;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.stereotype.Component;

/**
 * Signs a person in to the dashboard with a pasted key: the key is the form's password and is
 * checked exactly as an API call's bearer key, so a client key sees only its client there too.
 * The resulting principal is the same {@link Caller}.
 */
@Component
public class KeySignIn implements AuthenticationProvider {

    private final KeyIntrospector introspector;

    KeySignIn(KeyIntrospector introspector) {
        this.introspector = introspector;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object key = authentication.getCredentials();
        if (!(key instanceof String text) || text.isBlank()) {
            throw new BadCredentialsException("no key");
        }
        try {
            Caller caller = (Caller) introspector.introspect(text.trim());
            return UsernamePasswordAuthenticationToken.authenticated(caller, null, caller.getAuthorities());
        }
        catch (BadOpaqueTokenException unknown) {
            throw new BadCredentialsException("unknown or revoked key", unknown);
        }
    }

    /**
     * Whether a signed-in caller's key still holds: a session opened with a key that has been
     * revoked since ends, within the same bound as the API's refusal. Admin keys are settings.
     */
    public boolean stillValid(Caller caller) {
        return caller.isOperator() || introspector.isLive(caller.keyId());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
