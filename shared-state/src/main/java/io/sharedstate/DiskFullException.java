package io.sharedstate;

/**
 * Thrown when an operation needed disk space the device did not have. The operation changed nothing and released
 * every lock it took; values already created keep working, and everything works again once space is freed.
 */
public final class DiskFullException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception that says which device or directory is full.
     *
     * @param message what needed the space, and where
     * @param cause the I/O failure that reported the full device
     */
    public DiskFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
