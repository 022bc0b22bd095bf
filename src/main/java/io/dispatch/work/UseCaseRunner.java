package io.dispatch.work;

import io.dispatch.ticket.ClaimedTicket;
import io.dispatch.ticket.RunOutcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Runs a ticket's use case, retrying transient failures a bounded number of times with backoff. */
@Component
class UseCaseRunner {

    private static final Logger log = LoggerFactory.getLogger(UseCaseRunner.class);
    static final String UNEXPECTED = "the use case failed unexpectedly; the service's log has the details";

    private final UseCases useCases;
    private final WorkProperties properties;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Meter.MeterProvider<Timer> runs;

    UseCaseRunner(UseCases useCases, WorkProperties properties, JsonMapper json, MeterRegistry meters) {
        this.useCases = useCases;
        this.properties = properties;
        this.json = json;
        this.meters = meters;
        this.runs = Timer.builder("dispatch.usecase.runs")
                .description("Use case runs, retries included, by task type and outcome")
                .withRegistry(meters);
    }

    RunOutcome run(ClaimedTicket ticket) {
        Timer.Sample sample = Timer.start(meters);
        RunOutcome outcome = runWithRetries(ticket);
        sample.stop(runs.withTags("type", ticket.type(), "outcome", outcome.succeeded() ? "completed" : "failed"));
        return outcome;
    }

    private RunOutcome runWithRetries(ClaimedTicket ticket) {
        long pause = properties.backoff().toMillis();
        for (int run = 1;; run++) {
            try {
                return RunOutcome.completed(json.writeValueAsString(useCases.run(ticket.type(), ticket.payload())));
            }
            catch (TransientUseCaseException ex) {
                if (run >= properties.maxAttempts()) {
                    return RunOutcome.failed("gave up after " + run + " attempts: " + reason(ex));
                }
                log.info("Ticket {} run {} failed transiently, retrying in {} ms: {}", ticket.id(), run, pause,
                        reason(ex));
                if (!sleep(pause)) {
                    return RunOutcome.failed("interrupted while retrying: " + reason(ex));
                }
                pause *= 2;
            }
            catch (UseCaseFailedException ex) {
                return RunOutcome.failed(reason(ex));
            }
            catch (Exception ex) {
                log.warn("Ticket {}: the {} use case failed unexpectedly", ticket.id(), ticket.type(), ex);
                return RunOutcome.failed(UNEXPECTED);
            }
        }
    }

    private static String reason(Exception ex) {
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
