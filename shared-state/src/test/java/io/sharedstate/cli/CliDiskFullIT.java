package io.sharedstate.cli;

import io.sharedstate.DiskFullException;
import io.sharedstate.SharedState;
import io.sharedstate.StoreFullException;
import io.sharedstate.testing.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI on a full disk (a 24 MiB tmpfs the test mounts): reading and changing existing values works, what needs
 * new space exits 2 with one line that says so (after the warning that its changes cannot be journaled from this
 * process), and no stack trace is ever printed (issue 9).
 */
class CliDiskFullIT {
    @RegisterExtension
    final SmallDisk disk = SmallDisk.of("24m");

    @TempDir
    Path cwd;

    @Test
    void onAFullDiskExistingValuesWorkAndWhatNeedsSpaceExitsTwoWithOneLine() throws IOException {
        Path dir = disk.root().resolve("store");
        try (SharedState state = SharedState.builder(dir).capacity(256).open()) {
            state.longValue("counter", 41);
            SmallDisk.fill(disk.root().resolve("filler"));
            assertTrue(createUntilRefused(state), "the full disk refused new keys");

            Cli.run(cwd, "incr", dir, "counter").assertOk();
            assertEquals("42\n", Cli.run(cwd, "get", dir, "counter").assertOk().stdout());
            Cli.Result stat = Cli.run(cwd, "stat", dir);
            assertEquals(0, stat.status(), stat::toString);
            assertFalse(stat.stderr().contains("\tat ") || stat.stderr().contains("Exception"), stat::toString);

            List<Object> args = new ArrayList<>(List.of("set", dir, "one.more", "--type", "q", "--length", 64));
            args.addAll(Collections.nCopies(64, 1));
            Cli.Result create = Cli.run(cwd, args.toArray());
            // Besides the command's own line, the journal may say once that it cannot be written from here.
            List<String> errors = create.stderr().lines()
                    .filter(line -> !line.startsWith("shared-state: warning: journal")
                            && !line.startsWith("ERROR journal")).toList();
            assertEquals(2, create.status(), create::toString);
            assertEquals(1, errors.size(), create::toString);
            assertTrue(errors.get(0).contains("no space left on device in " + dir)
                    || errors.get(0).contains("no room left"), create::toString);
            assertFalse(create.stderr().contains("\tat ") || create.stderr().contains("Exception"), create::toString);
            assertFalse(state.contains("one.more"), "the refused creation left no key");
        }
    }

    /** Creates arrays until twenty in a row are refused for want of space; returns whether any was. */
    private static boolean createUntilRefused(SharedState state) {
        int refusedInARow = 0;
        for (int i = 0; i < 2_000 && refusedInARow < 20; i++) {
            try {
                state.longArray("filler." + i, 64);
                refusedInARow = 0;
            } catch (DiskFullException | StoreFullException refused) {
                refusedInARow++;
            }
        }
        return refusedInARow == 20;
    }
}
