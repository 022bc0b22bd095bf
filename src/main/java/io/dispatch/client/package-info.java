/**
 * Client applications, their API keys and their webhook secrets, and the API's authentication.
 * Other modules see who is calling as a {@link io.dispatch.client.Caller}, and ask
 * {@link io.dispatch.client.WebhookSecrets} what to sign a client's callbacks with.
 */
@NullMarked
package io.dispatch.client;

import org.jspecify.annotations.NullMarked;
