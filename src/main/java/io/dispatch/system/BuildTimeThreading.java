package io.dispatch.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Whether requests and workers run on virtual threads is a condition on the Java version, which a
 * start with {@code -Dspring.aot.enabled=true} took from the JDK that built the jar: built on
 * Java 17 and run on 25, Tomcat and the workers would run on platform threads, at more CPU per
 * ticket, without a word. Such a start is refused instead; in any other start the two agree.
 */
@Configuration(proxyBeanMethods = false)
class BuildTimeThreading {

    /** Exists when the bean definitions were made where virtual threads are on. */
    @Bean
    @ConditionalOnThreading(Threading.VIRTUAL)
    VirtualThreadsChosen virtualThreadsChosen() {
        return new VirtualThreadsChosen();
    }

    @Bean
    ThreadingAsBuilt threadingAsBuilt(Environment settings, ObjectProvider<VirtualThreadsChosen> chosen) {
        return new ThreadingAsBuilt(chosen.getIfAvailable() != null, Threading.VIRTUAL.isActive(settings));
    }

    record VirtualThreadsChosen() {
    }

    record ThreadingAsBuilt(boolean chosenInTheBuild, boolean onHere) {

        ThreadingAsBuilt {
            if (chosenInTheBuild != onHere) {
                throw new IllegalStateException("This jar's ahead-of-time beans were made " + (chosenInTheBuild
                        ? "with" : "without") + " virtual threads and this Java would run " + (onHere ? "with" : "without")
                        + " them: build the jar on the Java it runs on, or start without -Dspring.aot.enabled=true");
            }
        }
    }
}
