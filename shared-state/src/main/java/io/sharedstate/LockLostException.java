package io.sharedstate;

/**
 * Thrown when a thread that holds a key's explicit lock finds that the lock is no longer its own, which only a
 * {@linkplain SharedState store} shared across machines can do: its process was out of touch with the cluster for
 * longer than the cluster's failure detection allows (paused, or cut off by the network), the cluster took it for
 * dead and gave the lock to another. The change that found out was not made; the section was not exclusive from the
 * moment the lock was lost, so whatever it computed from earlier reads must be computed again under a new lock.
 * Unlocking a lost lock throws this too, unless a change already did.
 */
public final class LockLostException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the key whose lock was lost.
     *
     * @param message the key's name, what happened and what to do
     */
    public LockLostException(String message) {
        super(message);
    }
}
