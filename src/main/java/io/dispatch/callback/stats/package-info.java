/**
 * What the dashboard and the metrics show of deliveries: counts of those waiting, those retrying, and the last hour per minute.
 */
@NullMarked
@NamedInterface("stats")
package io.dispatch.callback.stats;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
