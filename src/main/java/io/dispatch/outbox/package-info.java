/**
 * The ticket row as the outbox: the relay publishes what the broker never confirmed, the marks record what it did, and the sweeper hands out again work that was lost.
 */
@NullMarked
package io.dispatch.outbox;

import org.jspecify.annotations.NullMarked;
