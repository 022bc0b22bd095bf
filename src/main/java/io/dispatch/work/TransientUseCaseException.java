package io.dispatch.work;

/**
 * A use case failure that may go away by itself (a dependency timing out). Dispatch retries the
 * use case a bounded number of times with backoff before it fails the ticket.
 */
public class TransientUseCaseException extends RuntimeException {

    public TransientUseCaseException(String message) {
        super(message);
    }

    public TransientUseCaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
