package io.dispatch.callback.sending;

import io.dispatch.callback.CallbackProperties;
import io.dispatch.callback.policy.CallbackPolicy;
import io.dispatch.callback.policy.HostResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

@Configuration(proxyBeanMethods = false)
class CallbackConfiguration {

    @Bean
    HostResolver hostResolver() {
        return HostResolver.system();
    }

    @Bean
    CallbackPolicy callbackPolicy(HostResolver resolver, CallbackProperties properties) {
        return new CallbackPolicy(resolver, properties.allowPrivateNetworks(), properties.allowedHosts());
    }

    /**
     * The sending threads. {@link SendingSlots} hands them at most one attempt each, so the queue
     * only holds the next attempt a finishing thread hands on before it is free.
     */
    @Bean
    TaskExecutor callbackExecutor(CallbackProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("callback-");
        executor.setCorePoolSize(properties.concurrency());
        executor.setMaxPoolSize(properties.concurrency());
        executor.setQueueCapacity(properties.concurrency());
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds((int) properties.timeout().toSeconds() + 1);
        return executor;
    }
}
