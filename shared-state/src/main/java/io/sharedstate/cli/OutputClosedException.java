package io.sharedstate.cli;

/** Thrown when stdout is closed under us, typically by {@code shared-state dump DIR | head}. */
final class OutputClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputClosedException(Throwable cause) {
        super("stdout was closed", cause);
    }
}
