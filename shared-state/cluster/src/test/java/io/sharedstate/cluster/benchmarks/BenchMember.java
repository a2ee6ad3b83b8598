package io.sharedstate.cluster.benchmarks;

import io.sharedstate.SharedState;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A server member of the benchmark's cluster in a JVM of its own: {@code BenchMember DIR INDEX}. It joins, prints
 * READY once the cluster serves, and serves until its stdin closes (the harness ended, however it ended) or the
 * harness kills it.
 */
public final class BenchMember {
    private BenchMember() {
    }

    /**
     * Joins as member {@code INDEX} with its data in {@code DIR}.
     *
     * @param args the data directory and the member's index
     * @throws IOException if stdin cannot be read
     */
    public static void main(String[] args) throws IOException {
        try (SharedState ignored = BenchCluster.member(Path.of(args[0]), Integer.parseInt(args[1])).open()) {
            System.out.println("READY");
            System.out.flush();
            while (System.in.read() >= 0) {
                // The harness never writes; end of input means it is gone.
            }
        }
        System.exit(0);
    }
}
