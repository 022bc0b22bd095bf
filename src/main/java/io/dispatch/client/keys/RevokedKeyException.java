package io.dispatch.client.keys;

import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;

/**
 * A key that was good and has been revoked: answered exactly as an unknown one, but not counted as
 * a guess, for its client (or a test of the revocation) may go on presenting it for a while.
 */
class RevokedKeyException extends BadOpaqueTokenException {

    RevokedKeyException() {
        super("unknown or revoked key");
    }
}
