package io.sharedstate.demo;

import io.sharedstate.SharedLock;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.cluster.SharedCluster;
import io.sharedstate.cluster.SharedClusterBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A JVM of the {@code cluster} scenario. {@code ClusterWorker member DIR N ROLE} joins the scenario's cluster as
 * server member N (1 to 3), which keeps its share of the data in DIR; {@code ClusterWorker client ROLE} joins as a
 * client, which keeps none. Once the store serves it prints a {@link #SERVING} line, then plays its ROLE:
 * {@code writer} writes at once (see {@link ClusterWriter}), {@code holder} waits for the command {@code hold},
 * {@code server} only keeps its share of the data.
 *
 * <p>It obeys commands, one a line, on its standard input:
 * <ul>
 *   <li>{@code hold}: take the lock of {@code cluster.pair}, move one unit in it, print a {@link #HOLDING} line and
 *       keep the lock, as a process stuck in its section would; the launcher then kills it;</li>
 *   <li>{@code mark N}: print a {@link #PROGRESS} line once the writer has made N more rounds;</li>
 *   <li>{@code stop}: stop writing and print what was acknowledged ({@link #STOPPED});</li>
 *   <li>{@code report}: print the keys' values ({@link #VALUES});</li>
 *   <li>{@code exit}, or the end of the input: close the store, leaving the cluster, and exit with status 0.</li>
 * </ul>
 * A failure prints the error and exits with status 1. Its standard error, which the launcher writes to a log file,
 * gets Ignite's own log and stack traces.
 */
public final class ClusterWorker {
    static final String SERVING = "serving: ";
    static final String HOLDING = "holding the lock of " + ClusterScenario.PAIR;
    static final String TOOK_OVER = "took over the lock of " + ClusterScenario.PAIR;
    static final String PROGRESS = "progress: ";
    static final String STOPPED = "stopped: ";
    static final String VALUES = "values: ";

    private final SharedState state;
    private final ClusterWriter writer;
    /** The lock the holder takes and never releases. */
    private SharedLock held;

    private ClusterWorker(SharedState state, ClusterWriter writer) {
        this.state = state;
        this.writer = writer;
    }

    /** Runs the worker; see the class description. */
    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Throwable e) {
            fail(e);
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Says why on standard output, which the launcher echoes, and gives the trace to the log on standard error. */
    static void fail(Throwable error) {
        System.out.println("worker failed: " + error + " (stack trace in this JVM's log)");
        error.printStackTrace();
    }

    private static void run(String[] args) throws Exception {
        boolean member = args[0].equals("member");
        String role = member ? args[3] : args[1];
        SharedClusterBuilder builder = member ? member(Path.of(args[1]), Integer.parseInt(args[2])) : client();
        try (SharedState state = builder.open()) {
            System.out.println(SERVING + (member ? "member " + args[2] : "client") + " (" + state.statistics().store()
                    + " now)" + (member ? ", its data in " + args[1] : ""));
            ClusterWorker worker = new ClusterWorker(state, role.equals("writer") ? ClusterWriter.start(state) : null);
            worker.obey(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
    }

    /** Member {@code number} of the scenario's cluster, on loopback, with its data in {@code directory}. */
    private static SharedClusterBuilder member(Path directory, int number) {
        ClusterPorts ports = ClusterPorts.ofThisJvm();
        return SharedCluster.member(directory).members(ports.memberAddresses(ClusterScenario.MEMBERS))
                .ports(ports.discovery(number), ports.communication(number))
                .initialMembers(ClusterScenario.MEMBERS).partitions(ClusterScenario.PARTITIONS)
                .failureDetection(ClusterScenario.FAILURE_DETECTION).memory(ClusterScenario.MEMBER_MEMORY);
    }

    /** A client of the scenario's cluster, on ports of its own beyond the members' ranges. */
    private static SharedClusterBuilder client() {
        ClusterPorts ports = ClusterPorts.ofThisJvm();
        return SharedCluster.client().members(ports.memberAddresses(ClusterScenario.MEMBERS))
                .ports(ports.clientDiscovery(), ports.clientCommunication())
                .failureDetection(ClusterScenario.FAILURE_DETECTION);
    }

    private void obey(BufferedReader input) throws IOException, InterruptedException {
        for (String line = input.readLine(); line != null && !line.equals("exit"); line = input.readLine()) {
            String[] command = line.split(" ");
            switch (command[0]) {
                case "hold":
                    hold();
                    break;
                case "mark":
                    writer().mark(Long.parseLong(command[1]));
                    break;
                case "stop":
                    writer().stop();
                    break;
                case "report":
                    report();
                    break;
                default:
                    throw new IllegalArgumentException("unknown command \"" + line + "\"");
            }
        }
    }

    private ClusterWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("this worker does not write");
        }
        return writer;
    }

    private void hold() {
        SharedLongArray pair = state.longArray(ClusterScenario.PAIR, 2);
        held = pair.lock();
        ClusterWriter.moveOne(pair);
        System.out.println(HOLDING + " after moving one unit in it (1 section), and keeping it as a process stuck in "
                + "its section would");
    }

    private void report() {
        long total = state.longValue(ClusterScenario.TOTAL).get();
        int wrapping = state.value(ClusterScenario.WRAPPING).get().intValue();
        long[] cells = state.longArray(ClusterScenario.CELLS, ClusterScenario.CELL_COUNT).toArray();
        long[] pair = state.longArray(ClusterScenario.PAIR, 2).toArray();
        System.out.println(VALUES + ClusterScenario.TOTAL + " = " + total + ", " + ClusterScenario.WRAPPING + " = "
                + wrapping + ", " + ClusterScenario.CELLS + " = " + Arrays.toString(cells) + ", "
                + ClusterScenario.PAIR + " = " + Arrays.toString(pair));
    }
}
