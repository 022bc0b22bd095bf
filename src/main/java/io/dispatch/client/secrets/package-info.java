/**
 * Webhook secrets: stored encrypted per client, rotated with an overlap, and read to sign a client's callbacks.
 */
@NullMarked
@NamedInterface("secrets")
package io.dispatch.client.secrets;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
