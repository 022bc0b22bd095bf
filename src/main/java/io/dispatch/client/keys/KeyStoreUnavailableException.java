package io.dispatch.client.keys;

import org.springframework.security.core.AuthenticationException;

/**
 * A key could not be checked because the database is away. The problem handler answers it with
 * {@code 503} like any other request that needs the database, not with {@code 401}.
 */
class KeyStoreUnavailableException extends AuthenticationException {

    KeyStoreUnavailableException(RuntimeException cause) {
        super("The key store is unavailable", cause);
    }
}
