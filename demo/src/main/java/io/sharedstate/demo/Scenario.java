package io.sharedstate.demo;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A demo scenario: a subcommand that prepares a new store, runs worker JVMs on it, prints what it does and
 * one {@code PASS}/{@code FAIL} line per check, and exits with status 1 if any check failed.
 */
abstract class Scenario implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to create the store (a new or empty directory; default: a new directory under "
                    + "${java.io.tmpdir}/shared-state-demo, removed when every check passed). A store in DIR is "
                    + "kept, for `shared-state dump DIR`.")
    Path dir;

    final PrintStream out = System.out;

    /** Returns the scenario's name, as typed on the command line. */
    abstract String name();

    /** Checks the options before anything is created; throws {@link IllegalArgumentException} if one is wrong. */
    void validate() {
    }

    /** Runs the scenario on the empty store directory {@code directory}, recording its checks. */
    abstract void run(Path directory, Checks checks) throws Exception;

    @Override
    public final Integer call() {
        validate();
        Path directory = DemoDirectory.prepare(name(), dir);
        ClassDataArchive.prepare(out);
        Checks checks = new Checks(out);
        runReported(directory, dir != null, checks);
        return checks.finish(name());
    }

    /**
     * Runs the scenario, printing its store's directory first; an error is recorded as a failed check, so that a
     * multi-scenario run goes on with the next scenario. A store in the default place is removed when every check
     * passed (each run would otherwise leave tens of MB in the temporary directory) and kept for inspection when
     * one failed; a store in a directory the user named is always kept.
     */
    final void runReported(Path directory, boolean named, Checks checks) {
        int failedBefore = checks.failed();
        out.println();
        out.println("== " + name() + " ==  store: " + directory);
        try {
            run(directory, checks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.error(name(), e);
        } catch (Exception e) {
            checks.error(name(), e);
        }
        if (!named && checks.failed() == failedBefore && DemoDirectory.remove(directory)) {
            out.println("   store removed: every check passed (--dir DIR keeps it)");
        } else {
            out.println("   store left in " + directory + "  (" + inspection(directory) + ")");
        }
    }

    /** Says how to look into the store this scenario left in {@code directory}. */
    String inspection(Path directory) {
        return "inspect: bin/shared-state dump " + directory;
    }
}
