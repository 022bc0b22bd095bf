package io.dispatch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

/**
 * The PostgreSQL and RabbitMQ the tests run against, chosen once per JVM: containers when a Docker
 * engine answers, else the services on this machine (a fresh {@code dispatch_test} database and
 * {@code dispatch-test} virtual host each run), else a clear failure. {@code DISPATCH_TEST_INFRA=containers}
 * or {@code =local} forces the choice.
 *
 * <p>The application reaches both through {@link TcpProxy proxies} that fault tests can cut.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String DATABASE = "dispatch_test";
    private static final String VHOST = "dispatch-test";

    private static TestInfrastructure instance;

    private final String postgresHost;
    private final int postgresPort;
    private final String postgresDatabase;
    private final String postgresUser;
    private final String postgresPassword;
    private final String rabbitHost;
    private final int rabbitPort;
    private final String rabbitVirtualHost;
    private final TcpProxy postgresProxy;
    private final TcpProxy rabbitProxy;
    private final RabbitMQContainer rabbitContainer;

    private TestInfrastructure(String postgresHost, int postgresPort, String postgresDatabase, String postgresUser,
            String postgresPassword, String rabbitHost, int rabbitPort, String rabbitVirtualHost,
            RabbitMQContainer rabbitContainer) {
        this.postgresHost = postgresHost;
        this.postgresPort = postgresPort;
        this.postgresDatabase = postgresDatabase;
        this.postgresUser = postgresUser;
        this.postgresPassword = postgresPassword;
        this.rabbitHost = rabbitHost;
        this.rabbitPort = rabbitPort;
        this.rabbitVirtualHost = rabbitVirtualHost;
        this.rabbitContainer = rabbitContainer;
        this.postgresProxy = TcpProxy.start(postgresHost, postgresPort);
        this.rabbitProxy = TcpProxy.start(rabbitHost, rabbitPort);
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    private static TestInfrastructure create() {
        String forced = System.getenv().getOrDefault("DISPATCH_TEST_INFRA", "").toLowerCase(Locale.ROOT);
        if (forced.equals("containers") || (forced.isEmpty() && dockerAvailable())) {
            return containers();
        }
        if (reachable("127.0.0.1", 5432) && reachable("127.0.0.1", 5672)) {
            return local();
        }
        throw new IllegalStateException("""
                The integration tests need PostgreSQL and RabbitMQ, and found neither a Docker engine \
                (for Testcontainers) nor local services on 127.0.0.1:5432 and 127.0.0.1:5672. \
                Start Docker, or start PostgreSQL (user postgres) and RabbitMQ (guest/guest) on this machine.""");
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException ex) {
            return false;
        }
    }

    private static TestInfrastructure containers() {
        log.info("Integration tests run against Testcontainers");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
        RabbitMQContainer rabbit = new RabbitMQContainer("rabbitmq:4-management-alpine");
        postgres.start();
        rabbit.start();
        return new TestInfrastructure(postgres.getHost(), postgres.getMappedPort(5432), postgres.getDatabaseName(),
                postgres.getUsername(), postgres.getPassword(), rabbit.getHost(), rabbit.getAmqpPort(), "/", rabbit);
    }

    private static TestInfrastructure local() {
        log.info("No Docker engine: integration tests run against the local PostgreSQL and RabbitMQ");
        String password = System.getenv().getOrDefault("PGPASSWORD", "postgres");
        TestInfrastructure local = new TestInfrastructure("127.0.0.1", 5432, DATABASE, "postgres", password,
                "127.0.0.1", 5672, VHOST, null);
        local.freshDatabase(DATABASE);
        if (!local.freshVirtualHost(VHOST)) {
            log.warn("rabbitmqctl is not available; tests share the default virtual host");
            return new TestInfrastructure("127.0.0.1", 5432, DATABASE, "postgres", password, "127.0.0.1", 5672, "/",
                    null);
        }
        return local;
    }

    /**
     * A database and virtual host of their own, with proxies of their own, for tests that run whole
     * service processes and must not share work with the test JVM's application.
     */
    public Isolated isolated(String name) {
        String database = "dispatch_" + name;
        String vhost = "dispatch-" + name;
        freshDatabase(database);
        if (!freshVirtualHost(vhost)) {
            throw new IllegalStateException("Cannot create the RabbitMQ virtual host " + vhost + " (rabbitmqctl)");
        }
        return new Isolated("jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database,
                TcpProxy.start(postgresHost, postgresPort), database, TcpProxy.start(rabbitHost, rabbitPort), vhost,
                postgresUser, postgresPassword);
    }

    /** An isolated environment: its own database and virtual host, reached through proxies a test can cut. */
    public record Isolated(String directJdbcUrl, TcpProxy postgresProxy, String database, TcpProxy rabbitProxy,
            String virtualHost, String user, String password) {

        public String jdbcUrl() {
            return "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/" + database;
        }

        /** The number a query of one row and column counts, read past the proxy. */
        public long count(String sql) throws SQLException {
            try (Connection connection = DriverManager.getConnection(directJdbcUrl, user, password);
                    Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** The number of messages a queue has delivered and not yet had acknowledged. */
    public int unacknowledged(String virtualHost, String queue) {
        String output = rabbitmqctl("-q", "list_queues", "-p", virtualHost, "--no-table-headers", "name",
                "messages_unacknowledged");
        for (String line : output.split("\\R")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 2 && columns[0].equals(queue)) {
                return Integer.parseInt(columns[1]);
            }
        }
        throw new IllegalStateException("No queue " + queue + " in " + virtualHost + ": " + output);
    }

    private void freshDatabase(String database) {
        String adminUrl = "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/postgres";
        try (Connection admin = DriverManager.getConnection(adminUrl, postgresUser, postgresPassword);
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot prepare the test database " + database + ": " + ex.getMessage(), ex);
        }
    }

    private boolean freshVirtualHost(String vhost) {
        try {
            rabbitmqctl("-q", "delete_vhost", vhost);
        }
        catch (IllegalStateException absent) {
            // there was none
        }
        try {
            rabbitmqctl("-q", "add_vhost", vhost);
            rabbitmqctl("-q", "set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
            return true;
        }
        catch (IllegalStateException ex) {
            return false;
        }
    }

    private String rabbitmqctl(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            if (rabbitContainer != null) {
                var result = rabbitContainer.execInContainer(command);
                if (result.getExitCode() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + ": " + result.getStderr());
                }
                return result.getStdout();
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output);
            }
            return output;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot run rabbitmqctl: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** The JDBC URL through the proxy, which fault tests cut. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresProxy.port() + "/" + postgresDatabase;
    }

    /** The JDBC URL that bypasses the proxy, for tests that inspect the database directly. */
    public String directJdbcUrl() {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + postgresDatabase;
    }

    public String postgresUser() {
        return postgresUser;
    }

    public String postgresPassword() {
        return postgresPassword;
    }

    public int rabbitProxyPort() {
        return rabbitProxy.port();
    }

    public String rabbitHost() {
        return rabbitHost;
    }

    public int rabbitPort() {
        return rabbitPort;
    }

    public String rabbitVirtualHost() {
        return rabbitVirtualHost;
    }

    public TcpProxy postgresProxy() {
        return postgresProxy;
    }

    public TcpProxy rabbitProxy() {
        return rabbitProxy;
    }
}
