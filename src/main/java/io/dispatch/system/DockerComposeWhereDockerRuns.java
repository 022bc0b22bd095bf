package io.dispatch.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets Spring Boot's Docker Compose support (development only, not in the jar) start
 * {@code docker-compose.yml}'s PostgreSQL and RabbitMQ only where a Docker engine can answer: it
 * would otherwise stop the start on a machine without one, where the locally installed services are
 * meant. Where {@code DOCKER_HOST} is unset and no engine socket exists, it sets
 * {@code spring.docker.compose.enabled=false}, below every other source, so a setting still wins.
 */
class DockerComposeWhereDockerRuns implements EnvironmentPostProcessor {

    static final String ENABLED = "spring.docker.compose.enabled";

    private final Map<String, String> environment;
    private final Predicate<Path> exists;

    DockerComposeWhereDockerRuns() {
        this(System.getenv(), Files::exists);
    }

    DockerComposeWhereDockerRuns(Map<String, String> environment, Predicate<Path> exists) {
        this.environment = environment;
        this.exists = exists;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment settings, SpringApplication application) {
        if (!engineMayAnswer(settings.getProperty("user.home", ""))) {
            settings.getPropertySources().addLast(new MapPropertySource("noDockerEngine", Map.of(ENABLED, "false")));
        }
    }

    boolean engineMayAnswer(String home) {
        if (environment.containsKey("DOCKER_HOST")) {
            return true;
        }
        List<Path> sockets = List.of(Path.of("/var/run/docker.sock"), Path.of(home, ".docker", "run", "docker.sock"),
                Path.of("\\\\.\\pipe\\docker_engine"));
        return sockets.stream().anyMatch(exists);
    }
}
