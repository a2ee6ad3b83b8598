package io.sharedstate.demo;

import io.sharedstate.SharedState;
import io.sharedstate.internal.ChronicleBootstrap;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * What every worker JVM does around its job: configures Chronicle before any of its classes load, opens the
 * store given as the first argument, runs the job with the remaining arguments, closes the store and exits with
 * status 0, or prints the error and exits with status 1.
 */
final class WorkerMain {
    /** A worker's job. */
    interface Job {
        void run(SharedState state, String[] args) throws Exception;
    }

    private WorkerMain() {
    }

    /** Runs {@code job} on the store {@code args[0]} with {@code args[1..]}, then exits the JVM. */
    static void run(String[] args, Job job) {
        ChronicleBootstrap.configure();
        int status = 0;
        try (SharedState state = SharedState.open(Path.of(args[0]))) {
            job.run(state, Arrays.copyOfRange(args, 1, args.length));
        } catch (Throwable e) {
            System.err.println("worker failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }
}
