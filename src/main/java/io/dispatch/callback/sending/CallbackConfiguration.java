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
     * The sending threads, and a queue for the claimed attempts waiting for one: as large as the
     * room {@link SendingSlots} gives, so that it never refuses an attempt that found room.
     */
    @Bean
    TaskExecutor callbackExecutor(CallbackProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("callback-");
        executor.setCorePoolSize(properties.concurrency());
        executor.setMaxPoolSize(properties.concurrency());
        executor.setQueueCapacity(properties.concurrency() * (SendingSlots.PLACES_PER_THREAD - 1));
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds((int) properties.timeout().toSeconds() + 1);
        return executor;
    }
}
