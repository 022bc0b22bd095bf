package io.dispatch.callback;

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
     * A thread for each sending slot. Attempts never wait in its queue for long: one is handed over
     * only with a slot, and the queue holds just the moment between a slot given back and its thread free.
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
