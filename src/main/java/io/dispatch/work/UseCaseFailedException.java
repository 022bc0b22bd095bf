package io.dispatch.work;

/**
 * A use case failure written for the client: its message becomes the ticket's {@code error}. Any
 * other exception fails the ticket with a fixed reason, and its message stays in the service's log,
 * for an exception's message is written for whoever reads the code (a query, a path, a host) and
 * not for callers.
 */
public class UseCaseFailedException extends RuntimeException {

    public UseCaseFailedException(String message) {
        super(message);
    }

    public UseCaseFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
