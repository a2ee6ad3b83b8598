package io.sharedstate.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of bad input: exit status 2, one clear line on stderr, no stack trace, no JVM crash file, and the
 * store (or directory) exactly as it was.
 */
class CliBadInputIT {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void createStore() {
        dir = tmp.resolve("store");
        Samples.create(dir);
    }

    /** Every command, with DIR as its directory and a key or value where it needs one. */
    private static List<Object[]> everyCommand(Path dir) {
        return List.of(new Object[] {"dump", dir}, new Object[] {"get", dir, "hits"},
                new Object[] {"set", dir, "hits", "1"}, new Object[] {"incr", dir, "hits"},
                new Object[] {"rm", dir, "hits"}, new Object[] {"stat", dir}, new Object[] {"locks", dir},
                new Object[] {"watch", dir}, new Object[] {"journal", dir}, new Object[] {"verify", dir},
                new Object[] {"recover", dir});
    }

    @Test
    void aMissingDirectoryIsRefusedByEveryCommandAndNotCreated() {
        Path missing = tmp.resolve("missing");
        for (Object[] command : everyCommand(missing)) {
            Cli.run(tmp, command).assertUserError(missing + ": no such directory");
        }
        assertFalse(Files.exists(missing), "no command may create a store");
        Cli.assertNoCrashFiles(tmp);
    }

    @Test
    void aDirectoryThatIsNotAStoreIsRefusedByEveryCommandAndLeftAsItWas() throws IOException {
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        Path other = Files.createDirectory(tmp.resolve("other"));
        Files.writeString(other.resolve("notes.txt"), "not a store");
        Path file = Files.writeString(tmp.resolve("file"), "a file");
        for (Object[] command : everyCommand(empty)) {
            Cli.run(tmp, command).assertUserError(empty + " is not a shared-state store: it has no shared-state.meta");
        }
        for (Object[] command : everyCommand(other)) {
            Cli.run(tmp, command).assertUserError("is not a shared-state store");
        }
        Cli.run(tmp, "get", file, "hits").assertUserError(file + " is not a directory");
        try (var entries = Files.list(empty)) {
            assertEquals(0, entries.count(), "the empty directory stays empty");
        }
        assertEquals(Map.of("notes.txt", Cli.fingerprint(other).get("notes.txt")), Cli.fingerprint(other));
        Cli.assertNoCrashFiles(tmp, empty, other);
    }

    @Test
    void aTruncatedMapFileIsReportedNotCrashedOn() throws IOException {
        Path map = dir.resolve("values.cm3");
        try (RandomAccessFile file = new RandomAccessFile(map.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        assertCorruptStoreRefused("values.cm3", "truncated");
    }

    @Test
    void aCorruptMapHeaderIsReportedNotCrashedOn() throws IOException {
        Path map = dir.resolve("values.cm3");
        try (RandomAccessFile file = new RandomAccessFile(map.toFile(), "rw")) {
            file.seek(12);
            file.write("garbage garbage garbage garbage garbage".getBytes());
        }
        assertCorruptStoreRefused("values.cm3", "corrupt");
    }

    @Test
    void aCorruptHeaderFileIsReportedNotCrashedOn() throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("shared-state.meta").toFile(), "rw")) {
            file.seek(20);
            file.write(0x7F);
        }
        assertCorruptStoreRefused("shared-state.meta", "corrupt");
    }

    private void assertCorruptStoreRefused(String file, String word) {
        Map<String, String> before = Cli.fingerprint(dir);
        for (Object[] command : everyCommand(dir)) {
            if (command[0].equals("verify")) {
                Cli.Result verify = Cli.run(tmp, command);
                assertEquals(1, verify.status(), "a damaged store fails verify: " + verify);
                assertTrue(verify.stdout().contains("FAILED: 1 problem(s)") && verify.stdout().contains(file),
                        verify::toString);
            } else if (!command[0].equals("recover")) {
                Cli.run(tmp, command).assertUserError(file, word);
            }
        }
        assertEquals(before, Cli.fingerprint(dir));
        Cli.assertNoCrashFiles(tmp, dir);
    }

    @Test
    void anUnknownKeyIsRefused() {
        Map<String, String> before = Cli.fingerprint(dir);
        for (String command : new String[] {"get", "set", "incr", "rm"}) {
            Object[] args = command.equals("set") ? new Object[] {command, dir, "nope", "1"}
                    : new Object[] {command, dir, "nope"};
            Cli.run(tmp, args).assertUserError("no key \"nope\" in store " + dir);
        }
        Cli.run(tmp, "get", dir, "bad\tname").assertUserError("control character");
        assertEquals(before, Cli.fingerprint(dir), "nothing changed but the process table");
    }

    @Test
    void aValueThatDoesNotParseForTheKeysTypeIsRefusedAndChangesNothing() {
        Map<String, String> before = Cli.fingerprint(dir);
        Cli.run(tmp, "set", dir, "hits", "abc").assertUserError(
                "\"abc\" is not a valid value for key \"hits\", which holds int64 ('q'): expected a whole number");
        Cli.run(tmp, "set", dir, "hits", "1.5").assertUserError("expected a whole number");
        Cli.run(tmp, "set", dir, "ratio", "1.2.3").assertUserError("holds float32 ('f')", "expected a number");
        Cli.run(tmp, "set", dir, "flag", "yes").assertUserError("expected true, false, 1 or 0");
        Cli.run(tmp, "set", dir, "letter", "ab").assertUserError("expected one character");
        Cli.run(tmp, "set", dir, "errors", "3000000000").assertUserError(
                "key \"errors\": 3000000000 does not fit int32 ('i'): its range is -2147483648 to 2147483647");
        Cli.run(tmp, "set", dir, "bytes", "1", "2", "256").assertUserError("256 does not fit uint8 ('B')");
        Cli.run(tmp, "set", dir, "big", "-1").assertUserError("does not fit uint64 ('Q')");
        Cli.run(tmp, "set", dir, "ratio", "1e39").assertUserError("does not fit float32");
        Cli.run(tmp, "incr", dir, "hits", "x").assertUserError("\"x\" is not a valid value");
        Cli.run(tmp, "incr", dir, "flag").assertUserError("holds bool ('?'): incr applies to integer and "
                + "floating-point keys only");
        Cli.run(tmp, "incr", dir, "temps").assertUserError("is an array of 3 float64 ('d'): give --index");
        assertEquals(before, Cli.fingerprint(dir));
    }

    @Test
    void aWrongArrayLengthOrIndexIsRefusedAndChangesNothing() {
        Map<String, String> before = Cli.fingerprint(dir);
        Cli.run(tmp, "set", dir, "temps", "1", "2").assertUserError(
                "key \"temps\" is an array of 3 float64 ('d'): give exactly 3 values, got 2; nothing was changed");
        Cli.run(tmp, "set", dir, "temps", "1", "2", "3", "4").assertUserError("give exactly 3 values, got 4");
        Cli.run(tmp, "set", dir, "hits", "1", "2").assertUserError("holds a single int64 ('q'): give exactly 1 value");
        Cli.run(tmp, "set", dir, "temps", "--index", "3", "1").assertUserError("index 3 is out of range",
                "give 0 to 2");
        Cli.run(tmp, "get", dir, "temps", "-i", "-1").assertUserError("index -1 is out of range");
        Cli.run(tmp, "get", dir, "hits", "-i", "0").assertUserError("--index applies to arrays only");
        assertEquals(before, Cli.fingerprint(dir));
        Cli.assertNoCrashFiles(tmp, dir);
    }
}
