package io.sharedstate;

/**
 * Thrown when a process died while it held one of Chronicle Map's internal segment locks, which record no
 * owner and are never released. Values already attached through handles keep working; creating, removing
 * or looking up keys does not. Stop every process that uses the store, then run
 * {@code shared-state recover DIR}.
 */
public final class StoreRecoveryRequiredException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception that names the cause and the recovery step.
     *
     * @param message which internal lock is stuck, and the recovery step
     */
    public StoreRecoveryRequiredException(String message) {
        super(message);
    }

    /**
     * Creates an exception that names the cause and the recovery step, with the underlying cause.
     *
     * @param message which internal lock is stuck, and the recovery step
     * @param cause the failure that revealed the stuck lock
     */
    public StoreRecoveryRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
