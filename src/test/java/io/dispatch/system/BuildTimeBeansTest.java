package io.dispatch.system;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class BuildTimeBeansTest {

    private final BuildTimeBeans aheadOfTime = new BuildTimeBeans(() -> true);

    @Test
    void startsAheadOfTimeWithTheBuildsSwitches() {
        MockEnvironment settings = built();
        settings.setActiveProfiles("json", "bench");

        assertThatCode(() -> aheadOfTime.postProcessEnvironment(settings, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void startsAheadOfTimeWithTheSwitchesUnset() {
        assertThatCode(() -> aheadOfTime.postProcessEnvironment(new MockEnvironment(), new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesEachSwitchChangedFromTheBuild() {
        BuildTimeBeans.SWITCHES.keySet().forEach(name -> {
            MockEnvironment settings = built().withProperty(name, "changed");

            assertThatIllegalStateException()
                    .isThrownBy(() -> aheadOfTime.postProcessEnvironment(settings, new SpringApplication()))
                    .withMessageStartingWith(name + " decides which beans exist");
        });
    }

    @Test
    void refusesTheProfileWithBeans() {
        MockEnvironment settings = built();
        settings.setActiveProfiles("dev");

        assertThatIllegalStateException()
                .isThrownBy(() -> aheadOfTime.postProcessEnvironment(settings, new SpringApplication()))
                .withMessageContaining("'dev' profile adds beans");
    }

    @Test
    void leavesAStartWithoutGeneratedBeansAlone() {
        MockEnvironment settings = built().withProperty("dispatch.dashboard.enabled", "false");
        settings.setActiveProfiles("dev");

        assertThatCode(() -> new BuildTimeBeans(() -> false).postProcessEnvironment(settings, new SpringApplication()))
                .doesNotThrowAnyException();
    }

    private static MockEnvironment built() {
        MockEnvironment settings = new MockEnvironment();
        BuildTimeBeans.SWITCHES.forEach((name, value) -> {
            if (!value.isEmpty()) {
                settings.setProperty(name, value);
            }
        });
        return settings;
    }
}
