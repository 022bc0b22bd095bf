package io.dispatch.work;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.dispatch.outbox.TaskMessage;
import io.dispatch.ticket.TicketId;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages of one delivery batch, read: the tickets they name (a ticket named twice is run
 * once), and the messages that cannot be read at all, which are rejected on their own.
 */
final class TaskBatch {

    /** One readable message: the ticket it names and the trace it was published in. */
    record Received(TicketId ticketId, long deliveryTag, boolean redelivered, @Nullable String traceParent) {
    }

    private final Map<TicketId, List<Received>> byTicket = new LinkedHashMap<>();
    private final List<Message> unreadable = new ArrayList<>();

    private TaskBatch() {
    }

    static TaskBatch read(List<Message> messages, JsonMapper json) {
        TaskBatch batch = new TaskBatch();
        for (Message message : messages) {
            TicketId id = ticketId(message, json);
            if (id == null) {
                batch.unreadable.add(message);
            }
            else {
                Object traceParent = message.getMessageProperties().getHeaders().get(TaskMessage.TRACE_HEADER);
                batch.byTicket.computeIfAbsent(id, key -> new ArrayList<>()).add(new Received(id,
                        message.getMessageProperties().getDeliveryTag(),
                        Boolean.TRUE.equals(message.getMessageProperties().isRedelivered()),
                        traceParent == null ? null : traceParent.toString()));
            }
        }
        return batch;
    }

    private static @Nullable TicketId ticketId(Message message, JsonMapper json) {
        try {
            TaskMessage task = json.readValue(message.getBody(), TaskMessage.class);
            return task.ticketId() == null ? null : new TicketId(task.ticketId());
        }
        catch (JacksonException unreadable) {
            return null;
        }
    }

    Set<TicketId> ticketIds() {
        return byTicket.keySet();
    }

    /** Tickets any of whose messages the broker redelivered: such a run may take a ticket over. */
    Set<TicketId> redelivered() {
        return byTicket.entrySet().stream()
                .filter(entry -> entry.getValue().stream().anyMatch(Received::redelivered))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    List<Received> tasks(TicketId id) {
        return byTicket.getOrDefault(id, List.of());
    }

    List<Message> unreadable() {
        return unreadable;
    }
}
