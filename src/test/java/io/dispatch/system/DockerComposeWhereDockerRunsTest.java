package io.dispatch.system;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DockerComposeWhereDockerRunsTest {

    @Test
    void turnsComposeOffWhereNoEngineCanAnswer() {
        StandardEnvironment settings = new StandardEnvironment();

        new DockerComposeWhereDockerRuns(Map.of(), path -> false).postProcessEnvironment(settings, new SpringApplication());

        assertThat(settings.getProperty(DockerComposeWhereDockerRuns.ENABLED)).isEqualTo("false");
    }

    @Test
    void leavesComposeOnWhereASocketOrDockerHostIsThere() {
        StandardEnvironment withSocket = new StandardEnvironment();
        StandardEnvironment withHost = new StandardEnvironment();

        new DockerComposeWhereDockerRuns(Map.of(), Path.of("/var/run/docker.sock")::equals)
                .postProcessEnvironment(withSocket, new SpringApplication());
        new DockerComposeWhereDockerRuns(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), path -> false)
                .postProcessEnvironment(withHost, new SpringApplication());

        assertThat(withSocket.getProperty(DockerComposeWhereDockerRuns.ENABLED)).isNull();
        assertThat(withHost.getProperty(DockerComposeWhereDockerRuns.ENABLED)).isNull();
    }

    @Test
    void aSettingWinsOverTheGuess() {
        StandardEnvironment settings = new StandardEnvironment();
        settings.getPropertySources().addFirst(new MapPropertySource("mine", Map.of(DockerComposeWhereDockerRuns.ENABLED, "true")));

        new DockerComposeWhereDockerRuns(Map.of(), path -> false).postProcessEnvironment(settings, new SpringApplication());

        assertThat(settings.getProperty(DockerComposeWhereDockerRuns.ENABLED)).isEqualTo("true");
    }
}
