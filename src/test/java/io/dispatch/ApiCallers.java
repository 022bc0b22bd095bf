package io.dispatch;

import java.time.Instant;

import io.dispatch.client.Caller;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** A caller as the API's filter chain would have signed it in, for the slice tests of controllers. */
public final class ApiCallers {

    private ApiCallers() {
    }

    public static RequestPostProcessor signedIn(Caller caller) {
        Instant now = Instant.now();
        return authentication(new BearerTokenAuthentication(caller,
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "key", now, now.plusSeconds(60)),
                caller.getAuthorities()));
    }
}
