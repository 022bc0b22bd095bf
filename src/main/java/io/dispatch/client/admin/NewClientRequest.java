package io.dispatch.client.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/clients}.
 *
 * @param webhookSecret a receiver's existing secret to keep, or null to have one made
 */
public record NewClientRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = "[a-z0-9-]{1,64}", message = "must be 1 to 64 characters of a-z 0-9 -") @Nullable String name,
        @Nullable String webhookSecret) {
}
