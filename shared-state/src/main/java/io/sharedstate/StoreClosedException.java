package io.sharedstate;

/** Thrown when a store, or a handle obtained from it, is used after the store was closed. */
public final class StoreClosedException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the closed store.
     *
     * @param message the closed store's directory, and what was attempted
     */
    public StoreClosedException(String message) {
        super(message);
    }
}
