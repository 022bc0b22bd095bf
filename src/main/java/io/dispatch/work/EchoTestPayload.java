package io.dispatch.work;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The payload of {@code echo-test}, the sample use case of the talk. */
record EchoTestPayload(
        @NotBlank(message = "is required") @Email(message = "must be a valid email address")
        @Size(max = 254, message = "must be at most 254 characters") String email,
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String name,
        @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String surname) {
}
