package io.dispatch.work;

import java.util.ArrayList;
import java.util.List;

import io.dispatch.outbox.TaskMessage;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpoint;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker's shape, declared by the service itself: one durable quorum queue per task type,
 * bound to the task exchange by type, and a dead-letter exchange and queue for messages that
 * cannot be run. A new use case gets its queue here without any change.
 */
@Configuration(proxyBeanMethods = false)
class TaskTopology {

    static final String DEAD_LETTER_EXCHANGE = "dispatch.dead-letter";
    static final String DEAD_LETTER_QUEUE = "dispatch.dead-letter";

    @Bean
    Declarables taskQueues(UseCases useCases, WorkProperties properties) {
        DirectExchange tasks = new DirectExchange(TaskMessage.EXCHANGE, true, false);
        FanoutExchange deadLetters = new FanoutExchange(DEAD_LETTER_EXCHANGE, true, false);
        Queue deadLetterQueue = QueueBuilder.durable(DEAD_LETTER_QUEUE).quorum().build();
        List<Declarable> declarables = new ArrayList<>(List.of(tasks, deadLetters, deadLetterQueue,
                BindingBuilder.bind(deadLetterQueue).to(deadLetters)));
        for (String type : useCases.types()) {
            Queue queue = QueueBuilder.durable(UseCases.queueName(type))
                    .quorum()
                    .deadLetterExchange(DEAD_LETTER_EXCHANGE)
                    .deliveryLimit(properties.deliveryLimit())
                    .build();
            Binding binding = BindingBuilder.bind(queue).to(tasks).with(type);
            declarables.add(queue);
            declarables.add(binding);
        }
        return new Declarables(declarables);
    }

    /**
     * One container consumes every task queue; its settings are Spring Boot's
     * {@code spring.rabbitmq.listener.simple.*}. Each consumer takes whatever its prefetch holds as
     * one batch, gathering for at most {@code dispatch.work.batch-wait}, so batching costs no
     * latency on a quiet machine. The listener settles every message itself.
     * <p>
     * The container checks the batch wait only between two messages, and each wait for the next
     * one lasts up to its receive timeout (by default a second). So a consumer that found a message
     * at once held it until another came or that second ran out: the last tasks of every burst
     * waited a second. {@code dispatch.work.receive-timeout} bounds that wait, at the price of an idle
     * consumer waking that much more often.
     */
    @Bean
    SimpleMessageListenerContainer taskListenerContainer(SimpleRabbitListenerContainerFactory factory,
            UseCases useCases, TaskListener listener, WorkProperties properties) {
        SimpleRabbitListenerEndpoint endpoint = new SimpleRabbitListenerEndpoint();
        endpoint.setId("dispatch-tasks");
        endpoint.setQueueNames(useCases.types().stream().map(UseCases::queueName).toArray(String[]::new));
        endpoint.setMessageListener(listener);
        endpoint.setBatchListener(true);
        SimpleMessageListenerContainer container = factory.createListenerContainer((RabbitListenerEndpoint) endpoint);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setConsumerBatchEnabled(true);
        container.setBatchSize(properties.batchSize());
        container.setBatchReceiveTimeout(properties.batchWait().toMillis());
        container.setReceiveTimeout(properties.receiveTimeout().toMillis());
        return container;
    }
}
