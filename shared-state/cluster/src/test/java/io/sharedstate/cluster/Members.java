package io.sharedstate.cluster;

import io.sharedstate.testing.JavaProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Starts {@link ClusterProcess} JVMs with the cluster module's JVM options, and closes (kills) them all. */
final class Members implements AutoCloseable {
    static final Duration START = Duration.ofSeconds(120);

    private final Path dir;
    private final int lane;
    private final List<JavaProcess> started = new ArrayList<>();

    Members(Path dir) {
        this(dir, 0);
    }

    /** Members whose clusters use ports of {@code lane} (see {@link TestClusters}). */
    Members(Path dir, int lane) {
        this.dir = dir;
        this.lane = lane;
    }

    /** Starts member {@code index} of a cluster of {@code initial} members running {@code scenario}. */
    JavaProcess member(int index, int initial, Object... scenario) {
        List<Object> args = new ArrayList<>(List.of("member", dir.resolve("m" + index), index, initial));
        args.addAll(List.of(scenario));
        return start(args);
    }

    /** Starts a client running {@code scenario}. */
    JavaProcess client(Object... scenario) {
        List<Object> args = new ArrayList<>(List.of("client"));
        args.addAll(List.of(scenario));
        return start(args);
    }

    private JavaProcess start(List<Object> args) {
        List<String> options = new ArrayList<>(ClusterJvmFlags.fromModule());
        options.add("-D" + TestClusters.LANE_PROPERTY + "=" + lane);
        JavaProcess process = JavaProcess.start(options, ClusterProcess.class, args.toArray());
        started.add(process);
        return process;
    }

    static void awaitReady(JavaProcess... processes) {
        for (JavaProcess process : processes) {
            process.awaitLine("READY", START);
        }
    }

    @Override
    public void close() {
        started.forEach(JavaProcess::close);
    }
}
