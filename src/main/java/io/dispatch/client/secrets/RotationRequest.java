package io.dispatch.client.secrets;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/clients/{clientId}/webhook-secrets}.
 *
 * @param previousExpiresIn how long the secrets live until now go on signing; null for the default 24 hours
 */
public record RotationRequest(@Nullable Duration previousExpiresIn) {
}
