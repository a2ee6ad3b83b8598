package io.sharedstate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** set, incr and rm: values parsed per typecode, changes made through the library's locks and journal. */
class CliWriteIT {
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
    void setParsesValuesPerTypecodeAndGetReadsThemBack() {
        String[][] cases = {
            // key, value(s) given to set..., what get prints
            {"hits", "-42", "-42"},
            {"errors", "0x7fffffff", "2147483647"},
            {"big", "18446744073709551614", "18446744073709551614"},
            {"flag", "false", "false"},
            {"letter", "z", "z"},
            {"wide", "U+1F600", "\uD83D\uDE00"},
            {"ratio", "0.25", "0.25"},
            {"temps", "1", "-2e3", "inf", "1.0 -2000.0 Infinity"},
            {"bytes", "0", "0x10", "200", "0 16 200"},
        };
        for (String[] c : cases) {
            Object[] args = new Object[c.length + 1];
            args[0] = "set";
            args[1] = dir;
            System.arraycopy(c, 0, args, 2, c.length - 1);
            Cli.run(tmp, args).assertOk();
            assertEquals(c[c.length - 1] + "\n", Cli.run(tmp, "get", dir, c[0]).assertOk().stdout(), c[0]);
        }
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(-42L, state.longValue("hits").get());
            assertEquals(0x1F600L, state.value("wide").get());
            assertEquals(-2000.0, state.doubleArray("temps", 3).get(1));
        }
        Cli.run(tmp, "set", dir, "letter", "0x07").assertOk();
        assertEquals("0x07\n", Cli.run(tmp, "get", dir, "letter").assertOk().stdout(), "unprintable bytes as hex");
        Cli.run(tmp, "set", dir, "bytes", "--index", "1", "9").assertOk();
        assertEquals("0 9 200\n", Cli.run(tmp, "get", dir, "bytes").assertOk().stdout());
    }

    @Test
    void incrAddsAtomicallyAndPrintsTheNewValue() {
        assertEquals("6\n", Cli.run(tmp, "incr", dir, "hits").assertOk().stdout());
        assertEquals("16\n", Cli.run(tmp, "incr", dir, "hits", "10").assertOk().stdout());
        assertEquals("-4\n", Cli.run(tmp, "incr", dir, "hits", "-20").assertOk().stdout());
        assertEquals("-4\n", Cli.run(tmp, "incr", dir, "hits", "--", "0").assertOk().stdout());
        assertEquals("0.6\n", Cli.run(tmp, "incr", dir, "ratio", "0.5").assertOk().stdout());
        assertEquals("4.0\n", Cli.run(tmp, "incr", dir, "temps", "--index", "1", "2.5").assertOk().stdout());
        assertEquals("0\n", Cli.run(tmp, "incr", dir, "bytes", "-i", "2").assertOk().stdout(), "uint8 wraps");
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(-4L, state.longValue("hits").get());
            assertEquals(0L, state.array("bytes").get(2));
        }
    }

    @Test
    void changesAreJournaledWithTheCliProcessAsWriter() throws IOException {
        Cli.run(tmp, "set", dir, "hits", "9").assertOk();
        Cli.run(tmp, "incr", dir, "hits", "2").assertOk();
        Cli.run(tmp, "set", dir, "temps", "3", "2", "1").assertOk();
        Cli.run(tmp, "rm", dir, "temps").assertOk();
        JsonNode events = JSON.readTree(Cli.run(tmp, "journal", dir, "--json", "--since", "5m").assertOk()
                .stdout()).get("events");
        int n = events.size();
        assertTrue(n >= 4, events::toString);
        assertEquals(List.of("SET", "ADD", "FILL", "REMOVE"), List.of(events.get(n - 4).get("op").asText(),
                events.get(n - 3).get("op").asText(), events.get(n - 2).get("op").asText(),
                events.get(n - 1).get("op").asText()));
        assertEquals(11, events.get(n - 3).get("value").asLong());
        assertEquals(2, events.get(n - 3).get("delta").asLong());
        assertEquals("[3.0,2.0,1.0]", events.get(n - 2).get("value").toString());
        long setPid = events.get(n - 4).get("pid").asLong();
        assertFalse(setPid == Samples.pid(), "written by the CLI's process, not the test's");
        JsonNode hits = JSON.readTree(Cli.run(tmp, "get", dir, "hits", "--json").assertOk().stdout());
        assertEquals(events.get(n - 3).get("pid").asLong(), hits.get("lastWriterPid").asLong());
    }

    @Test
    void rmRemovesTheKey() {
        Cli.run(tmp, "rm", dir, "hot").assertOk();
        Cli.run(tmp, "get", dir, "hot").assertUserError("no key \"hot\"");
        try (SharedState state = SharedState.open(dir)) {
            assertFalse(state.contains("hot"));
            assertEquals(Samples.KEYS - 1, state.names().size());
        }
    }

    @Test
    void setWaitsForTheKeysLockAndTakesItOverWhenItsOwnerDies() throws Exception {
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            try (Cli.Started set = Cli.startCollected(tmp, List.of(), "set", dir, "balance", "3")) {
                // The CLI says it is waiting once it has reached the lock: only then is the owner killed.
                set.awaitStderr("is locked by pid " + holder.pid() + " since ");
                assertTrue(set.process().isAlive(), "set must wait for the lock");
                holder.kill9();
                Cli.Result result = Cli.waitFor(set);
                assertEquals(0, result.status(), result::toString);
                assertTrue(result.stderr().startsWith("shared-state: key \"balance\" is locked by pid " + holder.pid()
                        + " since "), result::toString);
            }
        }
        assertEquals("3\n", Cli.run(tmp, "get", dir, "balance").assertOk().stdout());
        assertTrue(Cli.run(tmp, "stat", dir).assertOk().stdout().contains("lock recoveries   1"));
    }
}
