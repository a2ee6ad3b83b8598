package io.sharedstate;

/**
 * Thrown when a key cannot be created because the store holds as many keys, or as many bytes, as it was
 * created for. Remove keys, or create a store with a larger {@link SharedStateBuilder#capacity(long)}.
 */
public final class StoreFullException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception that says which limit was reached.
     *
     * @param message the limit reached (keys or bytes), and what to do
     */
    public StoreFullException(String message) {
        super(message);
    }

    /**
     * Creates an exception that says which limit was reached, with the underlying cause.
     *
     * @param message the limit reached (keys or bytes), and what to do
     * @param cause the failure that reported the limit
     */
    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
