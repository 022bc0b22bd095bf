package io.dispatch.client.keys;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns missing keys into a start-up message that names the settings, instead of a stack trace. */
class MissingSecuritySettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingSecuritySettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingSecuritySettingsException cause) {
        StringBuilder description = new StringBuilder("Dispatch cannot start without its keys:\n");
        cause.problems().forEach(problem -> description.append("  - ").append(problem).append('\n'));
        return new FailureAnalysis(description.toString(), """
                Set DISPATCH_SECURITY_ADMIN_KEYS (dispatch.security.admin-keys: one or more keys of 32 or more \
                characters, comma-separated) and DISPATCH_SECURITY_ENCRYPTION_KEY (dispatch.security.encryption-key: \
                base64 of 32 random bytes, for instance from `openssl rand -base64 32`). For development, run with \
                the dev profile (./mvnw spring-boot:run), which has fixed development values.""", cause);
    }
}
