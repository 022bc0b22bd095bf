package io.dispatch.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The part of every submission that is not the use case's: the idempotency key and where to call back. */
record Submission(
        @JsonProperty("request-id")
        @NotNull(message = "is required")
        @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}",
                message = "must be 1 to 128 characters of A-Z a-z 0-9 . _ : -") @Nullable String requestId,
        @NotBlank(message = "is required")
        @Size(max = 2048, message = "must be at most 2048 characters") @Nullable String callbackUrl) {
}
