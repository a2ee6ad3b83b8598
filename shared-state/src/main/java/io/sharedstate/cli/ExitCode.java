package io.sharedstate.cli;

/** The exit statuses of {@code shared-state}. */
final class ExitCode {
    /** The command did what was asked. */
    static final int OK = 0;
    /** {@code verify} found a problem in the store. */
    static final int CHECK_FAILED = 1;
    /** Bad usage or bad input: a missing or damaged store, an unknown key, a value that does not parse. */
    static final int USAGE = 2;
    /** A bug: an unexpected exception; its stack trace is printed. */
    static final int INTERNAL_ERROR = 3;
    /** Stopped by SIGINT (SIGTERM: 143) before finishing; what was printed is complete up to that point. */
    static final int INTERRUPTED = 130;
    /** The reader of our output went away (a closed pipe, as with {@code | head}); like a death by SIGPIPE. */
    static final int OUTPUT_CLOSED = 141;

    private ExitCode() {
    }
}
