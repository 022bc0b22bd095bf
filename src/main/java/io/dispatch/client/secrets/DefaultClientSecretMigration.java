package io.dispatch.client.secrets;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.dispatch.client.ClientId;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Version 4 of the schema, in Java because it encrypts: the {@code default} client that an upgrade
 * from 0.1 moved the tickets to takes over the secret 0.1 signed with, {@code dispatch.webhook.secret}
 * ({@code DISPATCH_WEBHOOK_SECRET}), so existing receivers keep verifying. Without that setting it
 * gets a new secret, and a warning says where to read it. Spring Boot hands this bean to Flyway.
 */
@Component
class DefaultClientSecretMigration implements JavaMigration {

    static final ClientId DEFAULT_CLIENT = new ClientId(UUID.fromString("00000000-0000-0000-0000-000000000001"));
    private static final Logger log = LoggerFactory.getLogger(DefaultClientSecretMigration.class);

    private final SecretCipher cipher;
    private final Environment environment;

    DefaultClientSecretMigration(SecretCipher cipher, Environment environment) {
        this.cipher = cipher;
        this.environment = environment;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "default client webhook secret";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!defaultClientExists(connection)) {
            return;
        }
        List<WebhookSecret> secrets = legacySecrets();
        if (secrets.isEmpty()) {
            secrets = List.of(WebhookSecret.random(cipher.random()));
            log.warn("dispatch.webhook.secret was not set for the upgrade: the 'default' client, which holds the "
                    + "tickets of 0.1, signs with a new secret; read it with GET /api/v1/clients/{}/webhook-secrets",
                    DEFAULT_CLIENT);
        }
        WebhookSecretTable table = WebhookSecretTable.on(connection);
        for (WebhookSecret secret : secrets) {
            table.insertBeforeKeyVersions(UUID.randomUUID(), DEFAULT_CLIENT, cipher.encrypt(secret, DEFAULT_CLIENT),
                    Instant.now());
        }
    }

    private static boolean defaultClientExists(Connection connection) throws Exception {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM clients WHERE id = ?")) {
            query.setObject(1, DEFAULT_CLIENT.value());
            try (ResultSet result = query.executeQuery()) {
                return result.next();
            }
        }
    }

    private List<WebhookSecret> legacySecrets() {
        String setting = environment.getProperty("dispatch.webhook.secret", "");
        List<WebhookSecret> secrets = new ArrayList<>();
        Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(s -> secrets.add(new WebhookSecret(s)));
        return secrets;
    }
}
