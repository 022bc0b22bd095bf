/**
 * Following a ticket: the ticket API's reads, its list with filters and cursors, the attempts, and asking for a redelivery.
 */
@NullMarked
package io.dispatch.tracking;

import org.jspecify.annotations.NullMarked;
