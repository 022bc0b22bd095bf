package io.dispatch.system;

import java.lang.annotation.ElementType;
import java.time.Clock;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Before Spring Security's filters, so that not even a sign-in form is read past the cap. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ApiProperties properties, ProblemResponses problems) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(properties, problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * The scheduled jobs keep a pool of their own ({@code spring.task.scheduling.pool.size}) when
     * requests run on virtual threads: Spring Boot's virtual-thread scheduler runs every fixed-delay
     * job on one thread, where a relay round waiting for the broker would hold up the others.
     */
    @Bean
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }

    /**
     * Validates requests as the records they are. With JPA on the class path, Hibernate Validator
     * would ask JPA for every property whether it is loaded, though none of them is an entity.
     */
    @Bean
    ValidationConfigurationCustomizer traverseEveryProperty() {
        return configuration -> configuration.traversableResolver(new TraversableResolver() {
            @Override
            public boolean isReachable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                    ElementType elementType) {
                return true;
            }

            @Override
            public boolean isCascadable(Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty,
                    ElementType elementType) {
                return true;
            }
        });
    }
}
