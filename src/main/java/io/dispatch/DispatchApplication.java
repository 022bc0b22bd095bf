package io.dispatch;

import io.dispatch.system.HeapKeeping;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class DispatchApplication {

    public static void main(String[] args) {
        HeapKeeping.keepTheHeap();
        SpringApplication.run(DispatchApplication.class, args);
    }
}
