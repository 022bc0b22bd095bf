/**
 * Which callback addresses may be called: only globally reachable ones, unless a setting opens private networks or names trusted hosts.
 */
@NullMarked
@NamedInterface("policy")
package io.dispatch.callback.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
