package io.sharedstate;

/**
 * Thrown by a handle whose key was removed, by this or another process, after the handle was obtained.
 * Obtain a new handle by name if the key has been created again.
 */
public final class KeyRemovedException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the removed key.
     *
     * @param message the removed key's name, and what to do
     */
    public KeyRemovedException(String message) {
        super(message);
    }
}
