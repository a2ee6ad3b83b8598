package io.sharedstate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an ops person tripped over on a live store (issue 13, "Ops CLI"), each pinned by a test. */
class CliDailyUseIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void createStore() {
        dir = tmp.resolve("store");
        Samples.create(dir);
    }

    @Test
    void setAndIncrCreateAMissingKeyWithTheTypeGiven() throws IOException {
        Cli.run(tmp, "set", dir, "newkey", "3").assertUserError("no key \"newkey\"", "--type");
        Cli.run(tmp, "set", dir, "newkey", "3", "--type", "q").assertOk();
        Cli.run(tmp, "set", dir, "temps2", "1.5", "-2", "--type", "d").assertOk();
        Cli.run(tmp, "set", dir, "one", "7", "--type", "B", "--length", "1").assertOk();
        Cli.run(tmp, "set", dir, "sparse", "--index", "2", "9", "--type", "int32", "--length", "4").assertOk();
        assertEquals("1\n", Cli.run(tmp, "incr", dir, "counter", "--type", "Q").assertOk().stdout());
        assertEquals("2\n", Cli.run(tmp, "incr", dir, "counter", "--type", "Q").assertOk().stdout());
        assertEquals("-0.5\n", Cli.run(tmp, "incr", dir, "drift", "-0.5", "--type", "d").assertOk().stdout());
        assertEquals("4\n", Cli.run(tmp, "incr", dir, "slots", "--type", "h", "--length", "3", "--index", "1", "4")
                .assertOk().stdout());
        assertEquals("3\n1.5 -2.0\n7\n0 0 9 0\n2\n-0.5\n0 4 0\n", Cli.run(tmp, "get", dir, "newkey", "temps2", "one",
                "sparse", "counter", "drift", "slots").assertOk().stdout());
        try (SharedState state = SharedState.open(dir)) {
            assertEquals("uint64 ('Q')", state.info("counter").typecode().describe());
            assertTrue(state.info("one").isArray());
            assertEquals(1, state.info("one").length());
        }
        // One CREATE carrying the value, not a CREATE then a SET.
        JsonNode events = JSON.readTree(Cli.run(tmp, "journal", dir, "--key", "newkey", "--json").assertOk()
                .stdout()).get("events");
        assertEquals(1, events.size(), events::toString);
        assertEquals("CREATE", events.get(0).get("op").asText());
        assertEquals(3, events.get(0).get("value").asInt());

        Cli.run(tmp, "set", dir, "hits", "1", "--type", "d").assertUserError("holds int64 ('q'), not float64 ('d')");
        Cli.run(tmp, "set", dir, "temps", "1", "2", "--type", "d", "--length", "2")
                .assertUserError("is an array of 3, not an array of 2");
        Cli.run(tmp, "set", dir, "bad", "1", "2", "--type", "d", "--length", "3")
                .assertUserError("give exactly 3 values, got 2");
        Cli.run(tmp, "set", dir, "bad", "1", "--type", "x").assertUserError("'x' is neither a typecode");
        Cli.run(tmp, "set", dir, "bad", "300", "--type", "B").assertUserError("300 does not fit uint8");
        assertEquals("5\n", Cli.run(tmp, "get", dir, "hits").assertOk().stdout());
        Cli.run(tmp, "get", dir, "bad").assertUserError("no key \"bad\"");
    }

    @Test
    void negativeNumbersAndInfinitiesAreValuesNotOptions() {
        Cli.run(tmp, "set", dir, "ratio", "-inf").assertOk();
        Cli.run(tmp, "set", dir, "temps", "-inf", "-1e3", "-nan").assertOk();
        Cli.run(tmp, "set", dir, "temps", "--index", "2", "-Infinity").assertOk();
        Cli.run(tmp, "set", dir, "errors", "-0x10").assertOk();
        Cli.run(tmp, "set", dir, "hits", "--", "-7").assertOk();
        assertEquals("-10\n", Cli.run(tmp, "incr", dir, "hits", "-3").assertOk().stdout());
        assertEquals("-1000.5\n", Cli.run(tmp, "incr", dir, "temps", "-i", "1", "-0.5").assertOk().stdout());
        assertEquals("-Infinity\n-Infinity -1000.5 -Infinity\n-16\n-10\n",
                Cli.run(tmp, "get", dir, "ratio", "temps", "errors", "hits").assertOk().stdout());
        Cli.run(tmp, "set", dir, "hits", "-x").assertUserError("\"-x\" is not a valid value");
    }

    @Test
    void getPrintsSeveralKeysOnePerLineOrNothingIfOneIsMissing() throws IOException {
        assertEquals("5\n0.0 1.5 -2.25\ntrue\n", Cli.run(tmp, "get", dir, "hits", "temps", "flag").assertOk()
                .stdout());
        Cli.run(tmp, "get", dir, "hits", "nope", "flag").assertUserError("no key \"nope\"");
        List<String> lines = Cli.run(tmp, "get", dir, "hits", "flag", "--json").assertOk().lines();
        assertEquals(2, lines.size(), lines::toString);
        assertEquals("hits", JSON.readTree(lines.get(0)).get("key").asText());
        assertEquals(true, JSON.readTree(lines.get(1)).get("value").asBoolean());
        Cli.run(tmp, "get", dir, "temps", "hits", "--index", "1").assertUserError("--index applies to one key");
    }

    @Test
    void dumpJournalAndWatchSelectKeysByGlobAndSayWhenAPrefixLooksLikeOne() throws IOException {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("requests.get", 1);
            state.longValue("requests.put", 2);
            state.longValue("requestsTotal", 3);
            state.longValue("a*b", 4);
        }
        assertEquals(List.of("requests.get", "requests.put"), keys(Cli.run(tmp, "dump", dir, "--match",
                "requests.*").assertOk()));
        assertEquals(List.of("requests.get", "requests.put", "requestsTotal"), keys(Cli.run(tmp, "dump", dir,
                "--match", "req*[.T]*").assertOk()));
        assertEquals(List.of("hits", "hot"), keys(Cli.run(tmp, "dump", dir, "--match", "h?t*").assertOk()));
        assertEquals(List.of("a*b"), keys(Cli.run(tmp, "dump", dir, "--match", "a\\*b").assertOk()));
        assertEquals(List.of("requests.get"), keys(Cli.run(tmp, "dump", dir, "--prefix", "requests.",
                "--match", "*[!u]t").assertOk()));

        Cli.Result literal = Cli.run(tmp, "dump", dir, "--prefix", "requests.*");
        assertEquals(0, literal.status(), literal::toString);
        assertEquals("", literal.stdout());
        assertTrue(literal.stderr().contains("--prefix is taken literally; for a pattern, use --match 'requests.*'"),
                literal::toString);
        assertEquals(List.of("a*b"), keys(Cli.run(tmp, "dump", dir, "--prefix", "a*").assertOk()));

        JsonNode events = JSON.readTree(Cli.run(tmp, "journal", dir, "--match", "requests.*", "--json").assertOk()
                .stdout()).get("events");
        assertEquals(2, events.size(), events::toString);
        assertTrue(Cli.run(tmp, "journal", dir, "--prefix", "requests.*").stderr().contains("use --match"));
    }

    @Test
    void dumpKeepsItsColumnsNarrowWhenOneNameIsVeryLong() {
        String longName = "n".repeat(255);
        try (SharedState state = SharedState.open(dir)) {
            state.longValue(longName, 1);
        }
        List<String> lines = Cli.run(tmp, "dump", dir).assertOk().lines();
        int type = lines.get(0).indexOf("TYPE");
        assertTrue(type <= Columns.MAX_WIDTH + 2, lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String name = line.substring(0, line.indexOf(' '));
            if (name.equals(longName)) {
                assertTrue(line.startsWith(longName + "  q int64"), line);
            } else {
                int start = name.length();
                while (line.charAt(start) == ' ') {
                    start++;
                }
                assertEquals(type, start, line);
            }
        }
    }

    @Test
    void journalPrintsTheLastNEventsAndFollowsNewOnes() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            for (int i = 0; i < 5; i++) {
                state.longValue("hits").incrementAndGet();
            }
        }
        List<String> last = Cli.run(tmp, "journal", dir, "--key", "hits", "-n", "2").assertOk().lines();
        assertEquals(3, last.size(), last::toString);
        assertTrue(last.get(1).matches(".* ADD +hits +9 \\(\\+1\\)"), last::toString);
        assertTrue(last.get(2).matches(".* ADD +hits +10 \\(\\+1\\)"), last::toString);
        assertEquals(0, JSON.readTree(Cli.run(tmp, "journal", dir, "-n", "0", "--json").assertOk().stdout())
                .get("count").asInt());

        try (Cli.Started follow = Cli.startCollected(tmp, List.of(), "journal", dir, "--key", "hits", "-n", "1",
                "--follow")) {
            follow.awaitStderr("following " + dir);
            follow.awaitStdout("hits  10 (+1)");
            try (SharedState state = SharedState.open(dir)) {
                state.longValue("hits").addAndGet(32);
                state.intValue("errors").set(1);
            }
            follow.awaitStdout("hits  42 (+32)");
            follow.signal("TERM");
            Cli.Result result = Cli.waitFor(follow);
            assertEquals(0, result.status(), result::toString);
            assertEquals(2, result.lines().size(), result::toString);
        }
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143, set, 777", "INT, 130, incr, 5", "TERM, 143, rm,"})
    void aSignalWhileWaitingForTheLockCancelsTheChange(String signal, int status, String command, String value)
            throws Exception {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            Object[] args = value == null ? new Object[] {command, dir, "balance"}
                    : new Object[] {command, dir, "balance", value};
            try (Cli.Started change = Cli.startCollected(tmp, List.of(), args)) {
                change.awaitStderr("is locked by pid " + holder.pid() + " since ");
                long signalled = System.nanoTime();
                change.signal(signal);
                assertTrue(change.process().waitFor(30, TimeUnit.SECONDS));
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
                Cli.Result result = Cli.waitFor(change);
                assertEquals(status, result.status(), result::toString);
                assertTrue(result.stderr().contains("interrupted while waiting for the lock of key \"balance\"; "
                        + "nothing was changed"), result::toString);
                assertTrue(tookMillis < Signals.GRACE_MILLIS, "ended by itself, not forced: " + tookMillis + " ms");
            }
            holder.kill9();
        }
        // The lock's owner died: had the change been let through, it would be applied now.
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(-1L, state.longValue("balance").get());
        }
        JsonNode events = JSON.readTree(Cli.run(tmp, "journal", dir, "--key", "balance", "--json").assertOk()
                .stdout()).get("events");
        for (JsonNode event : events) {
            assertTrue(List.of("CREATE", "SET", "LOCK_RECOVERED").contains(event.get("op").asText()), events::toString);
            assertFalse(event.get("value").asText().equals("777"), events::toString);
        }
    }

    @Test
    void dumpSaysWhichLiveProcessHoldsAKeyInALockSectionAndStatNamesItsMainClass() throws Exception {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            String dump = Cli.run(tmp, "dump", dir, "--prefix", "balance").assertOk().stdout();
            assertTrue(dump.contains("-1  (locked by pid " + holder.pid() + ")"), dump);
            String stat = Cli.run(tmp, "stat", dir).assertOk().stdout();
            assertTrue(stat.matches("(?s).*\n +" + holder.pid() + " +live .* " + Worker.class.getName() + "\n.*"),
                    stat);
            assertFalse(stat.contains("@"), stat);
        }
    }

    @Test
    void aKilledProcessLeavesTheProcessTableWhileAWriterRuns() throws Exception {
        try (JavaProcess writer = JavaProcess.start(Worker.class, "idle", dir);
             JavaProcess victim = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            writer.awaitLine("ready", Duration.ofSeconds(30));
            victim.awaitLine("ready", Duration.ofSeconds(30));
            victim.kill9();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String stat;
            do {
                stat = Cli.run(tmp, "stat", dir).assertOk().stdout();
                assertTrue(System.nanoTime() < deadline, "the dead process stayed: " + stat);
            } while (stat.contains(victim.pid() + "  dead"));
            assertTrue(stat.contains(" 0 dead"), stat);
        }
    }

    private static List<String> keys(Cli.Result dump) {
        List<String> lines = dump.lines();
        return lines.isEmpty() ? List.of() : lines.subList(1, lines.size()).stream()
                .map(line -> line.substring(0, line.indexOf(' '))).sorted().collect(Collectors.toList());
    }

}
