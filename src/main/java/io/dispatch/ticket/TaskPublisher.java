package io.dispatch.ticket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

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
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes task messages with publisher confirms. A message counts as published only when the
 * broker confirmed it and did not return it as unroutable; anything else is left to the
 * {@link OutboxRelay}, which publishes the ticket again.
 */
@Component
class TaskPublisher {

    private static final Logger log = LoggerFactory.getLogger(TaskPublisher.class);

    private final RabbitTemplate rabbit;
    private final PublishedMarks marks;
    private final TaskExecutor executor;
    private final JsonMapper json;
    private final @Nullable Tracer tracer;

    TaskPublisher(RabbitTemplate rabbit, PublishedMarks marks, @Qualifier("publishExecutor") TaskExecutor executor,
            JsonMapper json, ObjectProvider<Tracer> tracer) {
        this.rabbit = rabbit;
        this.marks = marks;
        this.executor = executor;
        this.json = json;
        this.tracer = tracer.getIfAvailable();
    }

    /**
     * Publishes a committed ticket's task off the request thread, so a down broker costs the
     * client no time; what is not confirmed is left to the relay.
     */
    void publishSoon(TicketId id, String type) {
        String traceParent = traceParent();
        try {
            executor.execute(() -> publish(id, type, traceParent).thenAccept(confirmed -> {
                if (confirmed) {
                    marks.add(id);
                }
            }));
        }
        catch (RejectedExecutionException busy) {
            log.debug("Publisher busy; ticket {} is left to the outbox relay", id);
        }
    }

    /**
     * Sends one task; the future says whether the broker confirmed it.
     *
     * @param traceParent the W3C trace context of the submission, which the worker and the callback
     *        carry on; null when there is none (the relay's publishes)
     */
    CompletableFuture<Boolean> publish(TicketId id, String type, @Nullable String traceParent) {
        CorrelationData correlation = new CorrelationData(id.toString());
        try {
            rabbit.send(TaskMessage.EXCHANGE, type, message(id, type, traceParent), correlation);
        }
        catch (AmqpException ex) {
            log.warn("Could not publish ticket {} ({}); the outbox relay will retry", id, ex.getMessage());
            return CompletableFuture.completedFuture(false);
        }
        return correlation.getFuture().handle((confirm, ex) ->
                ex == null && confirm.ack() && correlation.getReturned() == null);
    }

    private Message message(TicketId id, String type, @Nullable String traceParent) {
        MessageBuilderSupport<Message> message = MessageBuilder.withBody(json.writeValueAsBytes(new TaskMessage(id.value(), type)))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(id.toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(TaskMessage.SCHEMA_HEADER, TaskMessage.SCHEMA_VERSION);
        if (traceParent != null) {
            message.setHeader(TaskMessage.TRACE_HEADER, traceParent);
        }
        return message.build();
    }

    /**
     * The request's trace as a W3C {@code traceparent}, written into the task by hand: an
     * observation of every publish (span, timer, context snapshot) was two fifths of the publish
     * threads' CPU, for a trace that only needs to be carried on.
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
