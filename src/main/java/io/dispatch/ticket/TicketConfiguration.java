package io.dispatch.ticket;

import java.util.concurrent.ThreadPoolExecutor;

import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class TicketConfiguration {

    /** Runs the {@link TaskPublisher}'s batches, right after commit and off the request thread. */
    @Bean
    TaskExecutor publishExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("publish-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(4);
        executor.setRejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(5);
        return executor;
    }

    /**
     * Publishes on a connection of its own. The broker's flow control stops reading a connection
     * whose publishers outpace it; on the consumers' connection that would hold up the workers'
     * acknowledgements too (seen under load: worker threads queued behind publishes for the
     * connection's socket).
     */
    @Bean
    RabbitTemplateCustomizer publisherConnection() {
        return template -> template.setUsePublisherConnection(true);
    }
}
