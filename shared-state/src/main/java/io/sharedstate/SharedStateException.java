package io.sharedstate;

/**
 * The base of the exceptions a store throws for a condition of the store itself: a key of another type, a
 * removed key, a full, closed, corrupt or stuck store. Bad arguments throw {@link IllegalArgumentException}
 * or one of its subclasses ({@link InvalidNameException}, {@link ValueOutOfRangeException}) instead.
 */
public class SharedStateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that says what was wrong and what to do.
     *
     * @param message what was wrong and what to do
     */
    public SharedStateException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and its cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure, or null if there is none
     */
    public SharedStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
