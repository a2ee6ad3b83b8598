package io.sharedstate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.JournalMode;
import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code backup DIR DEST}: a copy of a live store, taken while a process writes to it, that opens as a store. */
class CliBackupIT {
    @TempDir
    Path dir;

    @Test
    void aBackupOfALiveStoreOpensAsAStoreWithEveryKeyItsTypeAndItsSettings() throws Exception {
        Path store = dir.resolve("store");
        try (SharedState state = SharedState.builder(store).capacity(2_000)
                .filePermissions(PosixFilePermissions.fromString("rw-rw----")).open()) {
            state.value("flags", 'B', 7);
            state.doubleArray("temps", 0.5, 1.5, 2.5);
            state.withJournal(JournalMode.OFF).longValue("hot", 42);
            state.value("letter", 'u', (int) 'λ');
        }
        Path backup = dir.resolve("backup");
        long during;
        try (JavaProcess writer = JavaProcess.start(Worker.class, "increment", store, "hits", Long.MAX_VALUE)) {
            writer.awaitLine("ready", Duration.ofSeconds(60));
            Cli.Result result = Cli.run(dir, "backup", store, backup).assertOk();
            assertTrue(result.stdout().startsWith("backed up 5 keys of " + store + " to " + backup), result::toString);
            writer.kill9();
        }
        // A writing process, which repairs the key the killed writer may have left mid-change.
        try (SharedState state = SharedState.open(store)) {
            during = state.longValue("hits").get();
        }
        try (SharedState copy = SharedState.open(backup)) {
            assertEquals(2_000, copy.settings().capacity());
            assertEquals(PosixFilePermissions.fromString("rw-rw----"), copy.settings().filePermissions());
            assertEquals(7, copy.value("flags").getAsLong());
            assertEquals('B', copy.info("flags").typecode().code());
            assertArrayEquals(new Number[] {0.5, 1.5, 2.5}, copy.array("temps").toArray());
            assertEquals('d', copy.info("temps").typecode().code());
            assertEquals(42, copy.longValue("hot").get());
            KeyInfo hot = copy.info("hot");
            assertEquals(JournalMode.OFF, hot.journal());
            assertEquals((int) 'λ', copy.value("letter").getAsLong());
            long copied = copy.longValue("hits").get();
            assertTrue(copied > 0 && copied <= during, copied + " of " + during);
        }
        Cli.Result verify = Cli.run(dir, "verify", backup).assertOk();
        assertTrue(verify.stdout().contains("OK: no problems found"), verify::toString);
        JsonNode history = new ObjectMapper().readTree(backup.resolve(BackupCommand.HISTORY).toFile());
        assertEquals(store.toString(), history.get("store").asText());
        assertTrue(history.get("count").asLong() >= 4, history::toString);
        assertEquals("CREATE", history.get("events").get(0).get("op").asText(), history::toString);
    }

    @Test
    void aBackupRefusesADestinationThatIsNotEmpty() throws Exception {
        Path store = dir.resolve("store");
        try (SharedState state = SharedState.open(store)) {
            state.longValue("k", 1);
        }
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("file"), "x");
        Cli.run(dir, "backup", store, taken).assertUserError(taken + " is not empty: give a new or empty directory");
        assertEquals(1, Files.list(taken).count(), "nothing was written to it");
    }
}
