package io.sharedstate;

/**
 * Thrown when a key is asked for with another type or array length than the one it was created with,
 * for example {@code key "hits" holds int32 ('i'), asked for float64 ('d')}. Nothing is changed.
 */
public final class TypeMismatchException extends SharedStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message naming the key, its type and the type asked for.
     *
     * @param message the key, its type and length, and those asked for
     */
    public TypeMismatchException(String message) {
        super(message);
    }
}
