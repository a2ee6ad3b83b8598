package io.sharedstate;

/** Thrown when an operation needs a key that does not exist in the store. */
public final class NoSuchKeyException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception for the missing key.
     *
     * @param message the missing key's name
     */
    public NoSuchKeyException(String message) {
        super(message);
    }
}
