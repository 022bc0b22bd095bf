/**
 * API keys and sign-in: the bearer-key security chain of the API, the keys table, and the settings it refuses to start without.
 */
@NullMarked
@NamedInterface("keys")
package io.dispatch.client.keys;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
