package io.dispatch.system;

import io.dispatch.system.BuildTimeThreading.ThreadingAsBuilt;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BuildTimeThreadingTest {

    @Test
    void refusesBeansMadeOnAJavaThatChoseOtherwise() {
        assertThatIllegalStateException().isThrownBy(() -> new ThreadingAsBuilt(false, true))
                .withMessageContaining("made without virtual threads and this Java would run with them");
        assertThatIllegalStateException().isThrownBy(() -> new ThreadingAsBuilt(true, false))
                .withMessageContaining("made with virtual threads and this Java would run without them");
    }

    @Test
    void startsWhereBuildAndRunAgree() {
        assertThatCode(() -> new ThreadingAsBuilt(true, true)).doesNotThrowAnyException();
        assertThatCode(() -> new ThreadingAsBuilt(false, false)).doesNotThrowAnyException();
    }

    @Test
    void aStartWithoutGeneratedBeansAlwaysAgrees() {
        new ApplicationContextRunner().withUserConfiguration(BuildTimeThreading.class)
                .withPropertyValues("spring.threads.virtual.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ThreadingAsBuilt.class));
        new ApplicationContextRunner().withUserConfiguration(BuildTimeThreading.class)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ThreadingAsBuilt.class));
    }
}
