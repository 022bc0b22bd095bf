package io.dispatch;

import org.springframework.boot.SpringApplication;

/**
 * Starts Dispatch against the test infrastructure (containers, or the local services), with the
 * test settings: short retry schedule, callbacks allowed to 127.0.0.1. For trying things by hand.
 */
public class TestDispatchApplication {

    public static void main(String[] args) {
        SpringApplication.from(DispatchApplication::main)
                .with(InfrastructureConfiguration.class)
                .withAdditionalProfiles("test")
                .run(args);
    }
}
