/**
 * Keeping the tables to a size: tickets that ended (their callbacks delivered or exhausted) are
 * deleted with their attempts a while after they ended, and so are the rate limiter's full buckets.
 */
@NullMarked
package io.dispatch.retention;

import org.jspecify.annotations.NullMarked;
