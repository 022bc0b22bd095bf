package io.dispatch.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes task messages with publisher confirms. A message counts as published only when the
 * broker confirmed it and did not return it as unroutable; anything else is left to the
 * {@link OutboxRelay}, which publishes the ticket again.
 * <p>
 * Messages go out in batches, one channel per batch: a channel waiting for confirms is not
 * returned to Spring AMQP's cache, so one channel per message made the publisher open and close a
 * channel for almost every ticket under load (seen in thread dumps as {@code channel.open} calls).
 */
@Component
class TaskPublisher {

    private static final Logger log = LoggerFactory.getLogger(TaskPublisher.class);
    private static final int BATCH = 200;
    // Beyond this many tickets waiting, new ones are left to the relay rather than held in memory.
    private static final int CAPACITY = 10_000;
    private static final int DRAINERS = 2;

    /** A task to publish, with the trace context of the request that created it. */
    record Task(TicketId id, String type, ContextSnapshot context) {
    }

    private final RabbitTemplate rabbit;
    private final PublishedMarks marks;
    private final TaskExecutor executor;
    private final JsonMapper json;
    private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();
    private final Queue<Task> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final AtomicInteger drainers = new AtomicInteger();

    TaskPublisher(RabbitTemplate rabbit, PublishedMarks marks, @Qualifier("publishExecutor") TaskExecutor executor,
            JsonMapper json) {
        this.rabbit = rabbit;
        this.marks = marks;
        this.executor = executor;
        this.json = json;
    }

    /**
     * Publishes a committed ticket's task off the request thread, so a down broker costs the
     * client no time; what is not confirmed is left to the relay.
     */
    void publishSoon(TicketId id, String type) {
        if (waitingCount.incrementAndGet() > CAPACITY) {
            waitingCount.decrementAndGet();
            log.debug("Publisher busy; ticket {} is left to the outbox relay", id);
            return;
        }
        waiting.add(task(id, type));
        startDrainer();
    }

    /** A task carrying the calling thread's trace context. */
    Task task(TicketId id, String type) {
        return new Task(id, type, snapshots.captureAll());
    }

    /** Sends the tasks on one channel; each future says whether the broker confirmed its task. */
    List<CompletableFuture<Boolean>> publish(List<Task> tasks) {
        List<CompletableFuture<Boolean>> confirms = new ArrayList<>(tasks.size());
        try {
            rabbit.invoke(channel -> {
                for (Task task : tasks) {
                    confirms.add(send(channel, task));
                }
                return null;
            });
        }
        catch (AmqpException ex) {
            log.warn("Could not publish {} tickets ({}); the outbox relay will retry", tasks.size() - confirms.size(),
                    ex.getMessage());
        }
        while (confirms.size() < tasks.size()) {
            confirms.add(CompletableFuture.completedFuture(false));
        }
        return confirms;
    }

    private CompletableFuture<Boolean> send(RabbitOperations channel, Task task) {
        CorrelationData correlation = new CorrelationData(task.id().toString());
        // The request's trace, so the task message continues it.
        try (ContextSnapshot.Scope scope = task.context().setThreadLocals()) {
            channel.send(TaskMessage.EXCHANGE, task.type(), message(task), correlation);
        }
        return correlation.getFuture().handle((confirm, ex) ->
                ex == null && confirm.ack() && correlation.getReturned() == null);
    }

    private void startDrainer() {
        int running = drainers.get();
        if (running < DRAINERS && drainers.compareAndSet(running, running + 1)) {
            try {
                executor.execute(this::drain);
            }
            catch (RejectedExecutionException shuttingDown) {
                drainers.decrementAndGet();
            }
        }
    }

    private void drain() {
        try {
            List<Task> batch;
            while (!(batch = takeBatch()).isEmpty()) {
                List<CompletableFuture<Boolean>> confirms = publish(batch);
                for (int i = 0; i < batch.size(); i++) {
                    TicketId id = batch.get(i).id();
                    confirms.get(i).thenAccept(confirmed -> {
                        if (confirmed) {
                            marks.add(id);
                        }
                    });
                }
            }
        }
        finally {
            drainers.decrementAndGet();
        }
        // A task added while this drainer was leaving would otherwise wait for the relay.
        if (!waiting.isEmpty()) {
            startDrainer();
        }
    }

    private List<Task> takeBatch() {
        List<Task> batch = new ArrayList<>();
        Task task;
        while (batch.size() < BATCH && (task = waiting.poll()) != null) {
            waitingCount.decrementAndGet();
            batch.add(task);
        }
        return batch;
    }

    private Message message(Task task) {
        return MessageBuilder.withBody(json.writeValueAsBytes(new TaskMessage(task.id().value(), task.type())))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(task.id().toString())
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(TaskMessage.SCHEMA_HEADER, TaskMessage.SCHEMA_VERSION)
                .build();
    }
}
