package io.dispatch.work;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.dispatch.ticket.ClaimedTicket;
import io.dispatch.ticket.TicketId;
import io.dispatch.ticket.TicketTable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareBatchMessageListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import com.rabbitmq.client.Channel;

/**
 * The consumer of the talk, for a batch at a time: claims the batch's tickets in one statement,
 * runs their use cases, stores the outcomes with their callbacks in one transaction, and only then
 * acknowledges, with one multiple ack. A message that cannot be read, or names no ticket, is
 * rejected on its own (to the dead-letter queue) and never takes its batch down with it.
 */
@Component
class TaskListener implements ChannelAwareBatchMessageListener {

    private static final Logger log = LoggerFactory.getLogger(TaskListener.class);

    private final TicketTable tickets;
    private final UseCaseRunner runner;
    private final RunRecorder recorder;
    private final StoreRetry storeRetry;
    private final JsonMapper json;
    private final Clock clock;

    TaskListener(TicketTable tickets, UseCaseRunner runner, RunRecorder recorder, StoreRetry storeRetry, JsonMapper json,
            Clock clock) {
        this.tickets = tickets;
        this.clock = clock;
        this.runner = runner;
        this.recorder = recorder;
        this.storeRetry = storeRetry;
        this.json = json;
    }

    @Override
    public void onMessageBatch(List<Message> messages, Channel channel) {
        Settlement settlement = new Settlement(channel, messages);
        try {
            handle(TaskBatch.read(messages, json), settlement);
            settlement.ackTheRest();
        }
        catch (RuntimeException ex) {
            // The database going away is waited out in StoreRetry; this is shutdown or a fault of
            // our own: give the batch back, so that nothing of it is lost (the delivery limit ends a loop).
            log.warn("Handing back a batch of {} tasks: {}", messages.size(), ex.getMessage());
            settlement.requeueTheRest();
        }
    }

    private void handle(TaskBatch batch, Settlement settlement) {
        for (Message unreadable : batch.unreadable()) {
            log.error("Dead-lettering an unreadable task message {}", unreadable.getMessageProperties().getMessageId());
            settlement.reject(unreadable.getMessageProperties().getDeliveryTag());
        }
        if (batch.ticketIds().isEmpty()) {
            return;
        }
        List<ClaimedTicket> claimed = storeRetry.call(() -> tickets.claimAll(batch.ticketIds(), batch.redelivered(), clock.instant()));
        Set<TicketId> unclaimed = new HashSet<>(batch.ticketIds());
        claimed.forEach(ticket -> unclaimed.remove(ticket.id()));
        if (!unclaimed.isEmpty()) {
            Set<TicketId> existing = storeRetry.call(() -> tickets.existing(unclaimed));
            for (TicketId unknown : unclaimed.stream().filter(id -> !existing.contains(id)).toList()) {
                log.error("Dead-lettering a task for unknown ticket {}", unknown);
                batch.tasks(unknown).forEach(task -> settlement.reject(task.deliveryTag()));
            }
        }
        List<RunRecorder.Run> runs = new ArrayList<>();
        for (ClaimedTicket ticket : claimed) {
            String traceParent = batch.tasks(ticket.id()).get(0).traceParent();
            try (MDC.MDCCloseable id = MDC.putCloseable("ticketId", ticket.id().toString());
                    MDC.MDCCloseable request = MDC.putCloseable("requestId", ticket.requestId())) {
                runs.add(new RunRecorder.Run(ticket, runner.run(ticket), traceParent));
            }
        }
        if (!runs.isEmpty()) {
            Set<TicketId> stored = storeRetry.call(() -> recorder.recordAll(runs));
            logOutcomes(runs, stored);
        }
    }

    private static void logOutcomes(List<RunRecorder.Run> runs, Set<TicketId> stored) {
        for (RunRecorder.Run run : runs) {
            try (MDC.MDCCloseable id = MDC.putCloseable("ticketId", run.ticket().id().toString());
                    MDC.MDCCloseable request = MDC.putCloseable("requestId", run.ticket().requestId());
                    MDC.MDCCloseable trace = MDC.putCloseable("traceId", traceId(run.traceParent()))) {
                if (!stored.contains(run.ticket().id())) {
                    log.info("Ticket {} lost its claim; outcome discarded", run.ticket().id());
                }
                // Per ticket, so DEBUG: at a thousand tickets a second such lines are noise in a log;
                // the ticket's history, the metrics and the trace carry them.
                else if (run.outcome().succeeded()) {
                    log.debug("Ticket {} completed", run.ticket().id());
                }
                else {
                    log.debug("Ticket {} failed: {}", run.ticket().id(), run.outcome().error());
                }
            }
        }
    }

    private static String traceId(String traceParent) {
        String[] parts = traceParent == null ? new String[0] : traceParent.split("-");
        return parts.length == 4 ? parts[1] : "";
    }

    /**
     * Settles each message of a batch exactly once: rejections one by one, then one multiple ack
     * for all that is left, or, when the batch is given back, one requeue for all that is left.
     */
    private static final class Settlement {

        private final Channel channel;
        private final List<Long> tags;
        private final Set<Long> rejected = new HashSet<>();

        Settlement(Channel channel, List<Message> messages) {
            this.channel = channel;
            this.tags = messages.stream().map(m -> m.getMessageProperties().getDeliveryTag()).sorted()
                    .collect(Collectors.toList());
        }

        void reject(long tag) {
            if (rejected.add(tag)) {
                io(() -> channel.basicReject(tag, false));
            }
        }

        void ackTheRest() {
            // A multiple ack takes every unsettled delivery up to its tag: the batch's, all of them.
            lastUnsettled().ifPresent(tag -> io(() -> channel.basicAck(tag, true)));
        }

        void requeueTheRest() {
            lastUnsettled().ifPresent(tag -> io(() -> channel.basicNack(tag, true, true)));
        }

        private java.util.Optional<Long> lastUnsettled() {
            for (int i = tags.size() - 1; i >= 0; i--) {
                if (!rejected.contains(tags.get(i))) {
                    return java.util.Optional.of(tags.get(i));
                }
            }
            return java.util.Optional.empty();
        }

        private static void io(ChannelCall call) {
            try {
                call.run();
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @FunctionalInterface
        private interface ChannelCall {
            void run() throws IOException;
        }
    }
}
