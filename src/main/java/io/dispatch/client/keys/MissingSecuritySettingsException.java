package io.dispatch.client.keys;

import java.util.List;

/** The service cannot start safely: settings it needs are missing or unusable. */
class MissingSecuritySettingsException extends IllegalStateException {

    private final List<String> problems;

    MissingSecuritySettingsException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
