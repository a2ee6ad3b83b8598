package io.sharedstate;

/**
 * Thrown for a key name that is empty, longer than {@value #MAX_NAME_BYTES} bytes in UTF-8, or contains a
 * control character.
 */
public final class InvalidNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The longest key name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;

    /**
     * Creates an exception that says what is wrong with the name.
     *
     * @param message the name, and which rule it breaks
     */
    public InvalidNameException(String message) {
        super(message);
    }
}
