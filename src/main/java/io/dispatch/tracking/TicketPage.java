package io.dispatch.tracking;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of the ticket list.
 *
 * @param nextCursor the cursor of the next page, or null on the last one
 */
public record TicketPage(List<TicketView> tickets, @Nullable String nextCursor) {
}
