package io.sharedstate.cli;

/**
 * A problem with what the user asked for: a bad argument, a missing store, an unknown key. {@link Main} prints
 * its message as one line on stderr and exits with {@link ExitCode#USAGE}.
 */
final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }
}
