package io.dispatch.intake;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import io.dispatch.callback.policy.CallbackPolicy;

import org.springframework.stereotype.Component;

/** Checks a callback URL's form, then asks the callback policy whether it may be called. */
@Component
class CallbackUrlRules {

    private final CallbackPolicy policy;

    CallbackUrlRules(CallbackPolicy policy) {
        this.policy = policy;
    }

    /** Why the URL cannot be used, or empty. */
    Optional<String> problem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException ex) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user info");
        }
        return policy.refusal(uri);
    }
}
