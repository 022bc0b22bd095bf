package io.dispatch;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points the application at the {@link TestInfrastructure} and gives it scriptable DNS. */
@TestConfiguration(proxyBeanMethods = false)
public class InfrastructureConfiguration {

    @Bean
    DynamicPropertyRegistrar infrastructureProperties() {
        return registry -> {
            TestInfrastructure infrastructure = TestInfrastructure.get();
            registry.add("spring.datasource.url", infrastructure::jdbcUrl);
            registry.add("spring.datasource.username", infrastructure::postgresUser);
            registry.add("spring.datasource.password", infrastructure::postgresPassword);
            registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
            registry.add("spring.rabbitmq.port", infrastructure::rabbitProxyPort);
            registry.add("spring.rabbitmq.virtual-host", infrastructure::rabbitVirtualHost);
        };
    }

    @Bean
    @Primary
    ScriptedHostResolver scriptedHostResolver() {
        return new ScriptedHostResolver();
    }
}
