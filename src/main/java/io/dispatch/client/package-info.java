/**
 * Client applications: who they are ({@link io.dispatch.client.ClientId}, the {@code clients} table)
 * and who is calling ({@link io.dispatch.client.Caller}). Beside it: {@code admin} makes clients,
 * {@code keys} signs callers in by their API keys, {@code secrets} keeps the webhook secrets that
 * sign a client's callbacks.
 */
@NullMarked
package io.dispatch.client;

import org.jspecify.annotations.NullMarked;
