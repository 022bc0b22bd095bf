/**
 * Accepting work: a submission is validated, stored as a ticket in a batch with those that came with it, answered with its ticket id, and its task published.
 */
@NullMarked
package io.dispatch.intake;

import org.jspecify.annotations.NullMarked;
