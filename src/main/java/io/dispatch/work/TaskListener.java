package io.dispatch.work;

import java.util.Optional;

import io.dispatch.ticket.ClaimedTicket;
import io.dispatch.ticket.TaskMessage;
import io.dispatch.ticket.TicketId;
import io.dispatch.ticket.Tickets;
import io.dispatch.ticket.UnknownTicketException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer of the talk: finds the ticket, runs its use case, stores the outcome with its
 * callback, and only then returns, which acknowledges the message. A message that cannot be read,
 * or names no ticket, is rejected without requeue and so goes to the dead-letter queue.
 */
@Component
class TaskListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(TaskListener.class);

    private final Tickets tickets;
    private final UseCaseRunner runner;
    private final RunRecorder recorder;
    private final StoreRetry storeRetry;
    private final JsonMapper json;

    TaskListener(Tickets tickets, UseCaseRunner runner, RunRecorder recorder, StoreRetry storeRetry, JsonMapper json) {
        this.tickets = tickets;
        this.runner = runner;
        this.recorder = recorder;
        this.storeRetry = storeRetry;
        this.json = json;
    }

    @Override
    public void onMessage(Message message) {
        TicketId id = new TicketId(read(message).ticketId());
        try (MDC.MDCCloseable mdc = MDC.putCloseable("ticketId", id.toString())) {
            handle(id, message);
        }
    }

    private void handle(TicketId id, Message message) {
        boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().isRedelivered());
        Optional<ClaimedTicket> claimed;
        try {
            claimed = storeRetry.call(() -> tickets.claim(id, redelivered));
        }
        catch (UnknownTicketException ex) {
            log.error("Dead-lettering a task for unknown ticket {}", id);
            throw new AmqpRejectAndDontRequeueException("unknown ticket " + id);
        }
        catch (OptimisticLockingFailureException ex) {
            log.debug("Ticket {} was claimed by another worker at the same moment", id);
            return;
        }
        if (claimed.isEmpty()) {
            log.debug("Ticket {} is running elsewhere or finished; message acknowledged", id);
            return;
        }
        MDC.put("requestId", claimed.get().requestId());
        RunOutcome outcome = runner.run(claimed.get());
        try {
            boolean stored = storeRetry.call(() -> recorder.record(claimed.get(), outcome));
            log.info("Ticket {} {}", id, stored ? (outcome.succeeded() ? "completed" : "failed: " + outcome.error())
                    : "lost its claim; outcome discarded");
        }
        catch (OptimisticLockingFailureException ex) {
            log.info("Ticket {} lost its claim while finishing; outcome discarded", id);
        }
        finally {
            MDC.remove("requestId");
        }
    }

    private TaskMessage read(Message message) {
        try {
            TaskMessage task = json.readValue(message.getBody(), TaskMessage.class);
            if (task.ticketId() == null) {
                throw new AmqpRejectAndDontRequeueException("task message without ticketId");
            }
            return task;
        }
        catch (JacksonException ex) {
            log.error("Dead-lettering an unreadable task message {}: {}", message.getMessageProperties().getMessageId(),
                    ex.getOriginalMessage());
            throw new AmqpRejectAndDontRequeueException("unreadable task message", ex);
        }
    }
}
