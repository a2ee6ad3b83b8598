package io.sharedstate;

/**
 * Thrown when a value given to {@code set}, {@code compareAndSet} or as an initial value does not fit the
 * key's type, for example 256 for {@code 'B'}. Arithmetic does not throw it: integer kinds wrap around.
 */
public final class ValueOutOfRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception naming the value and the range of the type.
     *
     * @param message the value, the key's type and that type's range
     */
    public ValueOutOfRangeException(String message) {
        super(message);
    }
}
