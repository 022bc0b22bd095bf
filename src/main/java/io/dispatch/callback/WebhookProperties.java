package io.dispatch.callback;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Standard Webhooks signing settings.
 *
 * @param secret one or more {@code whsec_<base64>} secrets; each attempt is signed with every one,
 *        so receivers can move from an old secret to a new one without missing a callback
 */
@ConfigurationProperties("dispatch.webhook")
public record WebhookProperties(List<String> secret) {

    @Override
    public String toString() {
        return "WebhookProperties[secret=(" + secret.size() + " hidden)]";
    }
}
