package io.sharedstate.demo;

import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cluster}: the same API on a three-member Apache Ignite cluster (shared-state-cluster) on loopback, each
 * member a JVM of its own ({@link ClusterWorker}) keeping its share of the data in {@code DIR/member-N}. Members 1
 * and 2 and a client each run a writer ({@link ClusterWriter}); member 3 writes nothing, so that killing it loses no
 * writer's count: it takes the lock of {@code cluster.pair}, moves one unit in the pair, and is killed with
 * {@code kill -9} while it holds the lock; then it is started again on the same directory. The checks: every key
 * equals what the writers acknowledged (plus member 3's one section), exactly; one writer took the lock over with
 * {@code previousOwnerDied()} true; member 3 rejoined. Each step waits for a line a worker prints, never for a fixed
 * time.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Three cluster members (Apache Ignite, on loopback) and a client share values; writers on two "
                + "members and the client increment keys and update a pair under its lock, while the third member is "
                + "killed with kill -9 holding that lock and restarted on its data directory. Checks exact totals and "
                + "the lock's takeover.")
final class ClusterScenario extends Scenario {
    static final String TOTAL = "cluster.q";
    static final String WRAPPING = "cluster.B";
    static final String CELLS = "cluster.cells";
    static final int CELL_COUNT = 4;
    static final String PAIR = "cluster.pair";

    static final int MEMBERS = 3;
    static final int PARTITIONS = 32;
    static final Duration FAILURE_DETECTION = Duration.ofSeconds(2);
    static final long MEMBER_MEMORY = 64L << 20;

    /** Ignite's start-up loads thousands of classes once: C1 only; and more heap than a local-store worker. */
    private static final List<String> TUNING = List.of("-XX:TieredStopAtLevel=1", "-Xmx256m");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    private static final long ROUNDS_BEFORE_KILL = 30;
    private static final long ROUNDS_AFTER_RESTART = 30;
    private static final Pattern STOPPED = Pattern.compile(
            "stopped: (\\d+) rounds, (\\d+) sections; longest round (.*)");
    private static final Pattern REJOINED = Pattern.compile("\\(cluster (\\d+) members now\\)");
    private static final Pattern VALUES = Pattern.compile("values: " + Pattern.quote(TOTAL) + " = (-?\\d+), "
            + Pattern.quote(WRAPPING) + " = (\\d+), " + Pattern.quote(CELLS) + " = \\[([-\\d, ]+)], "
            + Pattern.quote(PAIR) + " = \\[([-\\d, ]+)]");

    @Override
    String name() {
        return "cluster";
    }

    @Override
    void run(Path directory, Checks checks) throws InterruptedException {
        try (ClusterPorts.Reservation reservation = ClusterPorts.reserve()) {
            run(directory, reservation.ports(), checks);
        }
    }

    private void run(Path directory, ClusterPorts ports, Checks checks) throws InterruptedException {
        out.println(MEMBERS + " member JVMs form a cluster on " + ports.memberAddresses(MEMBERS) + ", each keeping "
                + "its data in " + directory.resolve("member-N") + "; members 1 and 2 and a client write, member 3 "
                + "takes the lock of " + PAIR + " and is killed with kill -9 holding it, then restarted on its "
                + "directory. Lines in brackets come from the process named; each one's Ignite log goes to "
                + directory.resolve("NAME.log"));
        try (ChildGroup group = new ChildGroup(out)) {
            List<ChildProcess> writers = new ArrayList<>();
            writers.add(startMember(group, ports, directory, 1, "writer", "member 1"));
            writers.add(startMember(group, ports, directory, 2, "writer", "member 2"));
            ChildProcess holder = startMember(group, ports, directory, 3, "holder", "member 3");
            writers.add(start(group, ports, directory, "client", List.of("client", "writer")));
            awaitServing(group);
            awaitRounds(group, writers, ROUNDS_BEFORE_KILL);
            List<Integer> beforeKill = lineCounts(writers);
            Takeover takeover = killHolder(group, holder, writers, beforeKill);
            String rejoined = restartHolder(group, ports, directory);
            awaitRounds(group, writers, ROUNDS_AFTER_RESTART);
            List<Written> written = stopWriters(group, writers);
            String values = readValues(group, writers.get(writers.size() - 1));
            exitAll(group);
            report(writers, written);
            check(written, values, checks);
            checkTakeover(writers, beforeKill, takeover, checks);
            checkRejoined(rejoined, checks);
        }
    }

    /** The members' data is Ignite's; what each JVM did is in its log. */
    @Override
    String inspection(Path directory) {
        return "the members' data in member-N, each JVM's Ignite log in NAME.log";
    }

    private void awaitServing(ChildGroup group) {
        long start = System.nanoTime();
        for (ChildProcess child : group.children()) {
            awaitLine(group, child, ClusterWorker.SERVING, 0, START_TIMEOUT);
        }
        out.println("  the cluster serves: " + MEMBERS + " members and a client joined in "
                + Format.seconds(System.nanoTime() - start));
    }

    private static ChildProcess startMember(ChildGroup group, ClusterPorts ports, Path directory, int number,
                                            String role, String name) {
        Path data = directory.resolve("member-" + number);
        return start(group, ports, directory, name, List.of("member", data.toString(), String.valueOf(number),
                role));
    }

    /**
     * Starts a {@link ClusterWorker} in the scenario's directory, where a client's Ignite puts its work directory,
     * its standard error (Ignite's log) in {@code NAME.log} there.
     */
    private static ChildProcess start(ChildGroup group, ClusterPorts ports, Path directory, String name,
                                      List<String> args) {
        Path log = directory.resolve(name.replace(' ', '-') + ".log");
        List<String> tuning = new ArrayList<>(TUNING);
        tuning.add(ports.jvmOption());
        return group.startInteractive(name, ChildJvm.clusterCommand(ClusterWorker.class, tuning, args), directory,
                log);
    }

    /** Asks each writer to say when it has made {@code rounds} more rounds, and waits until all have. */
    private static void awaitRounds(ChildGroup group, List<ChildProcess> writers, long rounds) {
        List<Integer> from = lineCounts(writers);
        writers.forEach(writer -> writer.send("mark " + rounds));
        for (int i = 0; i < writers.size(); i++) {
            awaitLine(group, writers.get(i), ClusterWorker.PROGRESS, from.get(i), STEP_TIMEOUT);
        }
    }

    /**
     * Has member 3 take the pair's lock, kills it with {@code kill -9} once it holds it, and waits until a writer
     * takes the lock over.
     */
    private Takeover killHolder(ChildGroup group, ChildProcess holder, List<ChildProcess> writers,
                                List<Integer> from) throws InterruptedException {
        holder.send("hold");
        awaitLine(group, holder, ClusterWorker.HOLDING, 0, STEP_TIMEOUT);
        group.forget(holder);
        holder.kill9();
        long killedAt = System.nanoTime();
        out.println("  kill -9 " + holder + " while it holds the lock of " + PAIR + "; the writers go on");
        group.awaitCondition("a writer to take the lock of " + PAIR + " over",
                () -> !takeovers(writers, from).isEmpty(), STEP_TIMEOUT);
        Takeover takeover = new Takeover(takeovers(writers, from).get(0), System.nanoTime() - killedAt);
        out.println("  " + takeover.writer() + " took the lock over " + Format.seconds(takeover.nanosAfterKill())
                + " after the kill (failure detection: " + FAILURE_DETECTION.toSeconds() + " s)");
        return takeover;
    }

    /** Starts member 3 again on its directory and returns its serving line. */
    private String restartHolder(ChildGroup group, ClusterPorts ports, Path directory) {
        long start = System.nanoTime();
        out.println("  starting member 3 again on " + directory.resolve("member-3"));
        ChildProcess restarted = startMember(group, ports, directory, 3, "server", "member 3 again");
        String serving = awaitLine(group, restarted, ClusterWorker.SERVING, 0, START_TIMEOUT);
        out.println("  member 3 serves again after " + Format.seconds(System.nanoTime() - start));
        return serving;
    }

    private static List<Written> stopWriters(ChildGroup group, List<ChildProcess> writers) {
        List<Integer> from = lineCounts(writers);
        writers.forEach(writer -> writer.send("stop"));
        List<Written> written = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            String line = awaitLine(group, writers.get(i), ClusterWorker.STOPPED, from.get(i), STEP_TIMEOUT);
            Matcher matcher = matchOrThrow(STOPPED, line);
            written.add(new Written(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)),
                    matcher.group(3)));
        }
        return written;
    }

    /** Has {@code reader} read every key, once no one writes, and returns its {@link ClusterWorker#VALUES} line. */
    private static String readValues(ChildGroup group, ChildProcess reader) {
        int from = reader.lineCount();
        reader.send("report");
        return awaitLine(group, reader, ClusterWorker.VALUES, from, STEP_TIMEOUT);
    }

    /** Tells every worker to leave the cluster, the client first, and checks that each exits with status 0. */
    private static void exitAll(ChildGroup group) throws InterruptedException {
        List<ChildProcess> children = new ArrayList<>(group.children());
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).send("exit");
        }
        group.awaitSuccess(STEP_TIMEOUT);
    }

    private void report(List<ChildProcess> writers, List<Written> written) {
        out.println(String.format(Locale.ROOT, "  %-10s %12s %12s %16s", "writer", "rounds", "sections",
                "longest round"));
        for (int i = 0; i < writers.size(); i++) {
            Written each = written.get(i);
            out.println(String.format(Locale.ROOT, "  %-10s %12s %12s %16s", writers.get(i).role(),
                    Format.count(each.rounds()), Format.count(each.sections()), each.longestRound()));
        }
        out.println("  member 3 made 1 section before it was killed");
    }

    private static void check(List<Written> written, String values, Checks checks) {
        Matcher matcher = matchOrThrow(VALUES, values);
        long rounds = written.stream().mapToLong(Written::rounds).sum();
        long sections = written.stream().mapToLong(Written::sections).sum() + 1;
        checks.expectEqual("cluster, " + TOTAL + " equals the rounds the writers acknowledged", rounds,
                Long.parseLong(matcher.group(1)));
        checks.expectEqual("cluster, " + WRAPPING + " (typecode 'B', wraps at 256) equals those rounds mod 256",
                rounds % 256, Long.parseLong(matcher.group(2)));
        checks.expectEqual("cluster, " + CELLS + " has each writer's round r in element r % " + CELL_COUNT,
                expectedCells(written), numbers(matcher.group(3)));
        checks.expectEqual("cluster, " + PAIR + " moved once per section (the writers' and member 3's one), never "
                + "half", new long[] {-sections, sections}, numbers(matcher.group(4)));
    }

    private void checkTakeover(List<ChildProcess> writers, List<Integer> from, Takeover takeover, Checks checks) {
        int count = takeovers(writers, from).size();
        checks.expect(count == 1, "cluster, the lock member 3 held when killed passed to " + takeover.writer()
                + " with previousOwnerDied() true, " + Format.seconds(takeover.nanosAfterKill()) + " after the kill: "
                + count + " takeover" + (count == 1 ? "" : "s") + " (expected 1)");
    }

    /** Member 3's serving line says how many members the cluster had when it served again. */
    private static void checkRejoined(String serving, Checks checks) {
        Matcher matcher = REJOINED.matcher(serving);
        long members = matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        checks.expectEqual("cluster, members once member 3 served again on its data directory", (long) MEMBERS,
                members);
    }

    /** Returns the writers that printed a takeover line since {@code from}, a writer once per line. */
    private static List<String> takeovers(List<ChildProcess> writers, List<Integer> from) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            int count = writers.get(i).countLines(ClusterWorker.TOOK_OVER, from.get(i));
            for (int n = 0; n < count; n++) {
                found.add(writers.get(i).role());
            }
        }
        return found;
    }

    /** Element k gets one from each round r of a writer with r % 4 == k; rounds count from 1. */
    private static long[] expectedCells(List<Written> written) {
        long[] cells = new long[CELL_COUNT];
        for (Written each : written) {
            for (int k = 0; k < CELL_COUNT; k++) {
                long firstRound = k == 0 ? CELL_COUNT : k;
                cells[k] += each.rounds() < firstRound ? 0 : (each.rounds() - firstRound) / CELL_COUNT + 1;
            }
        }
        return cells;
    }

    private static long[] numbers(String list) {
        return Pattern.compile(",\\s*").splitAsStream(list.trim()).mapToLong(Long::parseLong).toArray();
    }

    private static List<Integer> lineCounts(List<ChildProcess> children) {
        List<Integer> counts = new ArrayList<>();
        children.forEach(child -> counts.add(child.lineCount()));
        return counts;
    }

    /** Waits until {@code child} prints a line starting with {@code prefix}, from its line {@code from} on. */
    private static String awaitLine(ChildGroup group, ChildProcess child, String prefix, int from,
                                    Duration timeout) {
        group.awaitCondition(child + " to print \"" + prefix.trim() + "\"",
                () -> child.findLine(prefix, from).isPresent(), timeout);
        return child.findLine(prefix, from).orElseThrow();
    }

    private static Matcher matchOrThrow(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.matches()) {
            throw new IllegalStateException("a worker printed \"" + line + "\", expected a line like " + pattern);
        }
        return matcher;
    }

    /** What a writer acknowledged. */
    private record Written(long rounds, long sections, String longestRound) {
    }

    /** Who took the lock over from the killed member, and how long after the kill. */
    private record Takeover(String writer, long nanosAfterKill) {
    }
}
