package io.dispatch.work;

/**
 * One kind of work. Write a Spring bean that implements this, and a payload record with Bean
 * Validation annotations; Dispatch then accepts {@code POST /api/v1/tasks/{type}}, declares the
 * type's queue and runs {@link #execute} on a worker. Nothing else changes.
 *
 * @param <P> the payload record: the fields of the submission besides {@code request-id} and {@code callbackUrl}
 * @param <R> the result, serialized as JSON into the ticket and the callback
 */
public interface UseCase<P, R> {

    /** The task type in kebab-case, as it appears in the URL. */
    String type();

    /**
     * Runs the work for one ticket. Throw {@link TransientUseCaseException} for a failure worth
     * retrying and {@link UseCaseFailedException} for one that is not: their messages are the
     * ticket's {@code error}, so write them for the client. Any other exception fails the ticket
     * with a fixed reason; its message and stack go to the log only.
     */
    R execute(P payload) throws Exception;
}
