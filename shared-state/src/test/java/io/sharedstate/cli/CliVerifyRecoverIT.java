package io.sharedstate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify (0 healthy, 1 with a report) and recover (refuses while the store is open; frees dead locks). */
class CliVerifyRecoverIT {
    /** The entry magic 'SSE2' as stored (little-endian), at offset 72 of an entry; a single value is at 16. */
    private static final int MAGIC = 0x53534532;
    private static final int MAGIC_OFFSET = 72;
    private static final int TYPECODE_OFFSET = 76;
    private static final int PAYLOAD_OFFSET = 16;

    @TempDir
    Path tmp;

    @Test
    void verifyPassesOnAHealthyStore() throws IOException {
        Path dir = tmp.resolve("store");
        Samples.create(dir);
        Cli.Result verify = Cli.run(tmp, "verify", dir).assertOk();
        assertTrue(verify.stdout().contains("keys checked      10\n"), verify::toString);
        assertTrue(verify.stdout().contains("keys replayed     9 "), "every journaled key: " + verify);
        assertTrue(verify.stdout().endsWith("OK: no problems found\n"), verify::toString);
        JsonNode json = new ObjectMapper().readTree(Cli.run(tmp, "verify", dir, "--json").assertOk().stdout());
        assertTrue(json.get("ok").asBoolean());
        assertEquals(0, json.get("problems").size());
    }

    @Test
    void verifyFailsWithStatusOneWhenTheStoreDisagreesWithItsJournal() throws IOException {
        Path dir = tmp.resolve("store");
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("hits", 5).addAndGet(2);
        }
        // A value changed behind the library's back (a stray write, a bit flip): the journal says 7.
        long entry = entryOffset(dir, 'q');
        patch(dir, entry + PAYLOAD_OFFSET, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 9));
        assertEquals("9\n", Cli.run(tmp, "get", dir, "hits").assertOk().stdout());

        Cli.Result verify = Cli.run(tmp, "verify", dir);
        assertEquals(1, verify.status(), verify::toString);
        assertTrue(verify.stdout().contains("FAILED: 1 problem(s)\n  key \"hits\": journal replay gives 7 but "
                + "the store holds 9\n"), verify::toString);
        JsonNode json = new ObjectMapper().readTree(Cli.run(tmp, "verify", dir, "--json").stdout());
        assertTrue(!json.get("ok").asBoolean() && json.get("problems").get(0).asText().contains("hits"));
    }

    @Test
    void verifyFailsWithStatusOneOnACorruptEntryWhichDumpShowsAndRecoverRemoves() throws IOException {
        Path dir = tmp.resolve("store");
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("hits", 5);
        }
        long entry = entryOffset(dir, 'q');
        patch(dir, entry + TYPECODE_OFFSET, ByteBuffer.wrap(new byte[] {'Z'}));

        Cli.Result verify = Cli.run(tmp, "verify", dir);
        assertEquals(1, verify.status(), verify::toString);
        assertTrue(verify.stdout().contains("  key \"hits\": entry header is corrupt (shared-state recover "
                + "removes it)\n"), verify::toString);
        Cli.Result dump = Cli.run(tmp, "dump", dir).assertOk();
        assertTrue(dump.stdout().matches("(?s).*\nhits +\\? +- +- +- +- +<entry header is corrupt; "
                + "shared-state recover .* removes it>\n"), dump::toString);
        Cli.run(tmp, "get", dir, "hits").assertUserError("key \"hits\" in ", "is corrupt");
        Cli.run(tmp, "rm", dir, "hits").assertUserError("key \"hits\" in ", "is corrupt");

        Cli.Result recover = Cli.run(tmp, "recover", dir);
        assertEquals(0, recover.status(), recover::toString);
        assertTrue(recover.stdout().endsWith("; 1 corrupt entries removed\n"), recover::toString);
        Cli.run(tmp, "verify", dir).assertOk();
        Cli.run(tmp, "get", dir, "hits").assertUserError("no key \"hits\"");
        Cli.assertNoCrashFiles(tmp, dir);
    }

    @Test
    void recoverRefusesWhileAnotherProcessHasTheStoreOpenAndNamesIt() {
        Path dir = tmp.resolve("store");
        Samples.create(dir);
        try (SharedState open = SharedState.open(dir)) {
            Cli.run(tmp, "recover", dir).assertUserError("is open in other processes (pids " + Samples.pid() + ")",
                    "stop them, then run recover again");
        }
    }

    @Test
    void recoverFreesALockLeftByAKilledProcess() {
        Path dir = tmp.resolve("store");
        Samples.create(dir);
        try (JavaProcess holder = JavaProcess.start(Worker.class, "hold-lock", dir, "balance")) {
            holder.awaitLine("ready", Duration.ofSeconds(30));
            holder.kill9();
        }
        assertTrue(Cli.run(tmp, "locks", dir).assertOk().stdout().contains("no (the next writer takes it over)"));
        Cli.Result recover = Cli.run(tmp, "recover", dir).assertOk();
        assertEquals("recovered " + dir + ": 11 keys; 1 per-key locks released; 1 process slots cleared; "
                + "0 corrupt entries removed\n", recover.stdout());
        assertEquals("no locks held\n", Cli.run(tmp, "locks", dir).assertOk().stdout());
        // stat itself is the one process registered
        assertTrue(Cli.run(tmp, "stat", dir).assertOk().stdout().contains("1 registered: 1 live, 0 dead"));
        Cli.run(tmp, "verify", dir).assertOk();
    }

    /** Returns the file offset of the only entry of type {@code typecode} in the map file. */
    private static long entryOffset(Path dir, char typecode) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve("values.cm3"), StandardOpenOption.READ)) {
            ByteBuffer bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size())
                    .order(ByteOrder.LITTLE_ENDIAN);
            long found = -1;
            for (int i = 0; i + 8 < bytes.limit(); i += 8) {
                if (bytes.getInt(i) == MAGIC && bytes.get(i + TYPECODE_OFFSET - MAGIC_OFFSET) == typecode) {
                    assertEquals(-1, found, "one entry of type " + typecode);
                    found = i - MAGIC_OFFSET;
                }
            }
            assertTrue(found >= 0, "entry of type " + typecode + " not found");
            return found;
        }
    }

    private static void patch(Path dir, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve("values.cm3"), StandardOpenOption.WRITE)) {
            channel.write(bytes, offset);
        }
    }
}
