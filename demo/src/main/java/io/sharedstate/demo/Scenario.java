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
                    + "${java.io.tmpdir}/shared-state-demo). It is left there for `shared-state dump DIR`.")
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
        Checks checks = new Checks(out);
        runReported(DemoDirectory.prepare(name(), dir), checks);
        return checks.finish(name());
    }

    /**
     * Runs the scenario, printing its store's directory first; an error is recorded as a failed check, so that a
     * multi-scenario run goes on with the next scenario.
     */
    final void runReported(Path directory, Checks checks) {
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
        out.println("   store left in " + directory + "  (inspect: bin/shared-state dump " + directory + ")");
    }
}
