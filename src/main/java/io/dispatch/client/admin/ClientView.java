package io.dispatch.client.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.dispatch.client.keys.KeyView;

/** A client as {@code GET /api/v1/clients} shows it: never a key or a secret. */
public record ClientView(UUID clientId, String name, Instant createdAt, List<KeyView> keys) {
}
