package io.sharedstate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.testing.JavaProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ops CLI against a cluster: the packaged cluster CLI jar, run as operators run it ({@code java -jar}, no flags),
 * on a one-member cluster in a JVM of its own, each command a process of its own; and the library's own CLI jar,
 * which has no cluster support. The member listens on discovery port 51500 and communication port 51100 (lane
 * {@value #LANE} of {@link TestClusters}), the CLI on 51130 and up: no other test uses them.
 */
class ClusterCliIT {
    private static final int LANE = 60;
    private static final String CLUSTER = "cluster:" + TestClusters.members(LANE, 3);
    private static final String CLI_PORT = Integer.toString(TestClusters.communicationPort(LANE) + 30);
    private static final Duration EVENT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private static Members members;

    @TempDir
    Path workingDirectory;

    @BeforeAll
    static void startCluster() {
        members = new Members(tmp, LANE);
        JavaProcess member = members.member(0, 1, "serve");
        Members.awaitReady(member);
    }

    @AfterAll
    static void stopCluster() {
        if (members != null) {
            members.close();
        }
    }

    @Test
    void setThenGetPrintsTheValueInTheFormSetTakes() throws IOException {
        assertEquals("", onCluster("set", "s.hits", "--type", "q", "41").assertOk().stdout());
        assertEquals("41\n", onCluster("get", "s.hits").assertOk().stdout());
        onCluster("set", "s.temps", "--type", "d", "1.5", "2", "3").assertOk();
        onCluster("set", "s.temps", "--index", "1", "9").assertOk();
        assertEquals("1.5 9.0 3.0\n", onCluster("get", "s.temps").assertOk().stdout());
        JsonNode key = new ObjectMapper().readTree(onCluster("get", "s.hits", "--json").assertOk().stdout());
        assertEquals("q", key.get("typecode").asText(), key::toString);
        assertEquals(41, key.get("value").asLong(), key::toString);
        assertTrue(key.get("lastWriterPid").asLong() > 0, key::toString);
        onCluster("get", "s.missing").assertUserError("no key named \"s.missing\"");
        onCluster("set", "s.hits", "12abc").assertUserError("\"12abc\" is not a valid value for key \"s.hits\"");
    }

    @Test
    void incrAddsAndPrintsTheNewValue() {
        assertEquals("1\n", onCluster("incr", "i.n", "--type", "q").assertOk().stdout());
        assertEquals("6\n", onCluster("incr", "i.n", "5").assertOk().stdout());
        assertEquals("4\n", onCluster("incr", "i.n", "-2").assertOk().stdout());
        assertEquals("4\n", onCluster("get", "i.n").assertOk().stdout());
        onCluster("set", "i.arr", "--type", "d", "0.5", "1").assertOk();
        assertEquals("1.25\n", onCluster("incr", "i.arr", "--index", "0", "0.75").assertOk().stdout());
    }

    @Test
    void dumpListsEveryKeyWithItsTypeAndValue() throws IOException {
        onCluster("set", "d.count", "--type", "i", "7").assertOk();
        onCluster("set", "d.temps", "--type", "d", "0.5", "1.5").assertOk();
        onCluster("set", "d.flag", "--type", "?", "true").assertOk();
        List<String> lines = onCluster("dump", "--prefix", "d.").assertOk().stdout().lines().toList();
        assertEquals(4, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("KEY +TYPE +LEN +JOURNAL +CREATED +WRITER +VALUE"), lines::toString);
        assertTrue(lines.get(1).matches("d\\.count +i int32 +- +on +20\\S+Z +\\d+ +7"), lines::toString);
        assertTrue(lines.get(2).matches("d\\.flag +\\? bool +- +on +20\\S+Z +\\d+ +true"), lines::toString);
        assertTrue(lines.get(3).matches("d\\.temps +d float64 +2 +on +20\\S+Z +\\d+ +\\[0\\.5, 1\\.5]"),
                lines::toString);
        JsonNode dump = new ObjectMapper().readTree(onCluster("dump", "--prefix", "d.", "--json").assertOk()
                .stdout());
        assertEquals(CLUSTER, dump.get("store").asText());
        assertEquals(3, dump.get("count").asInt(), dump::toString);
        assertTrue(dump.get("complete").asBoolean(), dump::toString);
    }

    @Test
    void journalListsEachChangeOfAKeyInOrderAndRmRemovesIt() throws IOException {
        long creator = onCluster("set", "j.x", "--type", "q", "1").assertOk().pid();
        long adder = onCluster("incr", "j.x", "2").assertOk().pid();
        long remover = onCluster("rm", "j.x").assertOk().pid();
        onCluster("get", "j.x").assertUserError("no key named \"j.x\"");
        List<String> lines = onCluster("journal", "--key", "j.x").assertOk().stdout().lines().toList();
        assertEquals(4, lines.size(), lines::toString);
        assertTrue(lines.get(1).matches("20\\S+Z +" + creator + " +CREATE +j\\.x +1"), lines::toString);
        assertTrue(lines.get(2).matches("20\\S+Z +" + adder + " +ADD +j\\.x +3 \\(\\+2\\)"), lines::toString);
        assertTrue(lines.get(3).matches("20\\S+Z +" + remover + " +REMOVE +j\\.x +-"), lines::toString);
        JsonNode journal = new ObjectMapper().readTree(onCluster("journal", "--key", "j.x", "--json").assertOk()
                .stdout());
        // A cluster numbers each key's changes: its versions.
        assertEquals("[1,2,3]", journal.get("events").findValuesAsText("sequence").toString().replace(" ", ""),
                journal::toString);
    }

    @Test
    void watchPrintsChangesMadeByAnotherProcessUntilSigterm() throws InterruptedException {
        try (ClusterCli.Running watch = ClusterCli.cluster(workingDirectory).start(onClusterArgs("watch", "--prefix",
                "w."))) {
            watch.awaitStderr("shared-state: watching " + CLUSTER + " for keys starting with \"w.\"; Ctrl-C to stop");
            long writer = onCluster("incr", "w.x", "--type", "q", "3").assertOk().pid();
            onCluster("set", "other", "--type", "q", "1").assertOk();
            // Fixed-width pid and operation columns, as for a local store: the creation, then the addition.
            String created = watch.nextLine(EVENT);
            assertTrue(created.matches("20\\S+Z +" + writer + " {2}CREATE {10}w\\.x  0"), created);
            String added = watch.nextLine(EVENT);
            assertTrue(added.matches("20\\S+Z +" + writer + " {2}ADD {13}w\\.x  3 \\(\\+3\\)"), added);
            watch.terminate();
            ClusterCli.Result ended = watch.awaitExit();
            assertEquals(0, ended.status(), ended::toString);
            assertEquals(List.of(), ended.stdout().lines().skip(2).toList(), "nothing about key other");
        }
    }

    @Test
    void statShowsTheMembersAndKeys() throws IOException {
        onCluster("set", "t.a", "--type", "q", "1").assertOk();
        List<String> lines = onCluster("stat").assertOk().stdout().lines().toList();
        assertEquals("store             " + CLUSTER, lines.get(0));
        assertEquals("members           1 server, 1 client", lines.get(1));
        assertTrue(lines.get(2).matches(" +PID +ROLE +ADDRESS +ID"), lines::toString);
        assertTrue(lines.get(3).matches(" +\\d+ +server +127\\.0\\.0\\.1:" + TestClusters.discoveryPort(LANE)
                + " +member-\\S+"), lines::toString);
        assertTrue(lines.get(4).matches(" +\\d+ +client +127\\.0\\.0\\.1 +\\(this command\\)"), lines::toString);
        assertTrue(lines.get(5).matches("keys {14}[1-9]\\d*"), lines::toString);
        assertTrue(lines.contains("locks held        0"), lines::toString);
        JsonNode stat = new ObjectMapper().readTree(onCluster("stat", "--json").assertOk().stdout());
        assertEquals(2, stat.get("members").size(), stat::toString);
        onCluster("stat", "--interval", "1").assertUserError("--interval is for local stores");
    }

    @Test
    void theLauncherRunsTheClusterCliForACommandThatNamesACluster() {
        onCluster("set", "l.x", "--type", "q", "8").assertOk();
        assertEquals("8\n", ClusterCli.launcher(workingDirectory).run(onClusterArgs("get", "l.x")).assertOk().stdout());
    }

    @Test
    void theCliLeavesNothingInItsWorkingDirectory() throws IOException {
        onCluster("get", "nothing-here").assertUserError("no key named");
        try (Stream<Path> left = Files.list(workingDirectory)) {
            assertEquals(List.of(), left.toList(), "Ignite's work files belong elsewhere");
        }
    }

    @Test
    void badAddressesAndLocalOnlyCommandsSaySo() {
        ClusterCli cli = ClusterCli.cluster(workingDirectory);
        cli.run("verify", CLUSTER).assertUserError(CLUSTER + " names a cluster, and this command works on a local "
                + "store only; the commands that work on a cluster are dump, get, set, incr, rm, stat, watch, journal");
        cli.run("get", "cluster:127.0.0.1", "k").assertUserError("\"127.0.0.1\" is not a member's address");
        cli.run("get", workingDirectory, "k", "--local-port", "51130").assertUserError("--local-port applies to a "
                + "cluster");
    }

    @Test
    void aClusterNobodyAnswersAtIsGivenUpAfterTheCommandsTenSecondBudget() {
        String nobody = "cluster:127.0.0.1:51548";
        ClusterCli.cluster(workingDirectory).run("get", nobody, "k", "--local-port", CLI_PORT).assertUserError(
                "shared-state get: cannot join the cluster " + nobody + ": Join process timed out (timeout = 10000)",
                "are its members running, and reachable from this machine?");
    }

    @Test
    void theLibrarysOwnCliSaysItHasNoClusterSupportAndWhichJarHas() {
        ClusterCli.library(workingDirectory).run("get", CLUSTER, "hits").assertUserError(
                "shared-state get: " + CLUSTER + " names a cluster, but this CLI has no cluster support",
                "shared-state-cluster-0.1.0-SNAPSHOT-cli.jar");
    }

    private ClusterCli.Result onCluster(String command, String... args) {
        return ClusterCli.cluster(workingDirectory).run(onClusterArgs(command, args));
    }

    /** {@code command CLUSTER args... --local-port 51130}: the CLI's client on ports of this class's own. */
    private static Object[] onClusterArgs(String command, String... args) {
        List<Object> all = new ArrayList<>(List.of(command, CLUSTER));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--local-port", CLI_PORT));
        return all.toArray();
    }
}
