package io.sharedstate.demo;

import java.io.PrintStream;
import java.util.Objects;

/**
 * The checks of a demo run: each prints one {@code PASS} or {@code FAIL} line comparing an expected value with
 * the one read back from the store, and the run's exit status is non-zero if any failed.
 */
final class Checks {
    private final PrintStream out;
    private int passed;
    private int failed;

    Checks(PrintStream out) {
        this.out = out;
    }

    /** Checks that {@code actual} equals {@code expected}; returns whether it does. */
    boolean expectEqual(String what, Object expected, Object actual) {
        boolean ok = Objects.deepEquals(expected, actual);
        return record(ok, what + ": expected " + Format.value(expected) + ", got " + Format.value(actual));
    }

    /** Records a check whose outcome the caller computed, with a line saying what was compared. */
    boolean expect(boolean ok, String line) {
        return record(ok, line);
    }

    /** Records a check that could not be made because the scenario failed before it. */
    void error(String scenario, Throwable error) {
        record(false, scenario + ": " + describe(error));
    }

    int failed() {
        return failed;
    }

    /** Prints the summary line and returns the process exit status: 0 if every check passed, else 1. */
    int finish(String title) {
        out.println();
        if (failed == 0 && passed > 0) {
            out.println(title + ": " + (passed == 1 ? "the check" : "all " + passed + " checks") + " PASS");
            return 0;
        }
        out.println(title + ": " + failed + " of " + (passed + failed) + " checks FAIL");
        return 1;
    }

    private boolean record(boolean ok, String line) {
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        out.println((ok ? "PASS  " : "FAIL  ") + line);
        return ok;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
