package io.dispatch.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.dispatch.client.ClientId;
import io.dispatch.system.SmartBatcher;
import io.dispatch.ticket.TicketId;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes task messages with publisher confirms. A message counts as published only when the
 * broker confirmed it and did not return it as unroutable; anything else is left to the
 * {@link OutboxRelay}, which publishes the ticket again.
 * <p>
 * Tasks are published in batches on one channel: what intake committed while the last batch went
 * out goes in the next one, and the confirms of a batch are not waited for before the next.
 */
@Component
public class TaskPublisher extends SmartBatcher<TaskPublisher.Task> {

    private static final Logger log = LoggerFactory.getLogger(TaskPublisher.class);
    private static final int MOST_PER_BATCH = 256;
    private static final int MOST_WAITING = 10_000;

    private final RabbitTemplate rabbit;
    private final PublishedMarks marks;
    private final QueueShare share;
    private final JsonMapper json;
    private final @Nullable Tracer tracer;

    TaskPublisher(RabbitTemplate rabbit, PublishedMarks marks, QueueShare share, JsonMapper json,
            ObjectProvider<Tracer> tracer) {
        super("task-publisher", MOST_PER_BATCH, MOST_WAITING);
        this.rabbit = rabbit;
        this.marks = marks;
        this.share = share;
        this.json = json;
        this.tracer = tracer.getIfAvailable();
    }

    /**
     * A task to publish.
     *
     * @param traceParent the W3C trace context of the submission, which the worker and the callback
     *        carry on; null when there is none (the relay's publishes)
     */
    record Task(TicketId id, String type, @Nullable String traceParent) {
    }

    /**
     * Has a committed ticket's task published off the request thread, so a down broker costs the
     * client no time. A task whose client has its share of the work queues already, or that finds
     * this publisher's queue full, is left to the relay: only a delay.
     */
    public void publishSoon(TicketId id, String type, ClientId client) {
        if (!share.admit(client)) {
            return;
        }
        if (!offer(new Task(id, type, traceParent()))) {
            log.debug("Publisher busy; ticket {} is left to the outbox relay", id);
        }
    }

    @Override
    protected void handle(List<Task> tasks) {
        List<CompletableFuture<Boolean>> confirms = publishAll(tasks);
        for (int i = 0; i < tasks.size(); i++) {
            TicketId id = tasks.get(i).id();
            confirms.get(i).thenAccept(confirmed -> {
                if (confirmed) {
                    marks.add(id);
                }
            });
        }
    }

    /** Sends tasks on one channel; each future says whether the broker confirmed its task. */
    List<CompletableFuture<Boolean>> publishAll(List<Task> tasks) {
        try {
            return rabbit.invoke(channel -> tasks.stream().map(task -> send(channel, task)).toList());
        }
        catch (AmqpException ex) {
            log.warn("Could not publish {} tasks ({}); the outbox relay will retry", tasks.size(), ex.getMessage());
            return tasks.stream().map(task -> CompletableFuture.completedFuture(false)).toList();
        }
    }

    private CompletableFuture<Boolean> send(RabbitOperations channel, Task task) {
        CorrelationData correlation = new CorrelationData(task.id().toString());
        channel.send(TaskMessage.EXCHANGE, task.type(), message(task), correlation);
        return correlation.getFuture().handle((confirm, ex) ->
                ex == null && confirm.ack() && correlation.getReturned() == null);
    }

    private Message message(Task task) {
        MessageBuilderSupport<Message> message = MessageBuilder
                .withBody(json.writeValueAsBytes(new TaskMessage(task.id().value(), task.type())))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(task.id().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(TaskMessage.SCHEMA_HEADER, TaskMessage.SCHEMA_VERSION);
        if (task.traceParent() != null) {
            message.setHeader(TaskMessage.TRACE_HEADER, task.traceParent());
        }
        return message.build();
    }

    /**
     * The request's trace as a W3C {@code traceparent}, written into the task by hand: an
     * observation of every publish (span, timer, context snapshot) costs far more than carrying a
     * trace on needs.
     */
    private @Nullable String traceParent() {
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
