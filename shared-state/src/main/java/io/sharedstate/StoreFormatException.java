package io.sharedstate;

/**
 * Thrown when a directory cannot be opened as a store: it is not a shared-state store, it was written by
 * a newer version of this library, or one of its files is truncated or corrupt. Files are validated before
 * they are mapped, so a damaged file is reported with this exception rather than crashing the JVM.
 */
public final class StoreFormatException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception that names the file and what is wrong with it.
     *
     * @param message the file, and what is wrong with it
     */
    public StoreFormatException(String message) {
        super(message);
    }

    /**
     * Creates an exception that names the file and what is wrong with it, with the underlying cause.
     *
     * @param message the file, and what is wrong with it
     * @param cause the failure that revealed it, such as an {@link java.io.IOException}
     */
    public StoreFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
