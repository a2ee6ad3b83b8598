package io.sharedstate;

import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreMaintenance;
import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.SmallDisk;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A store on a small tmpfs that fills up while it is used: every operation either works or throws
 * {@link DiskFullException}, nothing else escapes (no {@code InternalError} from a SIGBUS on a mapped page), values
 * already created keep working, and once space is freed the store and its journal are whole without {@code recover}.
 */
class DiskFullTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final SmallDisk disk = SmallDisk.of("24m");

    @Test
    void aFullDiskGivesTypedErrorsOnlyAndTheStoreIsWholeOnceSpaceReturns() throws Exception {
        Path dir = disk.root().resolve("store");
        Path filler = disk.root().resolve("filler");
        List<String> unexpected = new ArrayList<>();
        long increments = 0;
        try (SharedState state = SharedState.builder(dir).capacity(256).open()) {
            SharedLong counter = state.longValue("counter", 0);
            SharedDoubleArray temps = state.doubleArray("temps", 8);
            SmallDisk.fill(filler);
            for (int i = 0; i < 200_000; i++) {
                counter.incrementAndGet();
                temps.set(i % 8, i);
                increments++;
            }
            int created = 0;
            int refused = 0;
            int refusedInsideChronicle = 0;
            for (int i = 0; i < 300; i++) {
                try {
                    state.longArray("new." + i, 64).set(0, i);
                    created++;
                } catch (DiskFullException | StoreFullException expected) {
                    refused++;
                    if (expected instanceof DiskFullException && expected.getCause() != null) {
                        refusedInsideChronicle++;
                    }
                } catch (RuntimeException | Error e) {
                    unexpected.add("creating new." + i + ": " + causes(e));
                }
            }
            try (SharedLock lock = state.lock("counter")) {
                counter.addAndGet(5);
                increments += 5;
            }
            assertEquals(increments, counter.get(), "values keep working on a full disk");
            assertTrue(unexpected.isEmpty(), () -> "only typed exceptions on a full disk: " + unexpected);
            assertEquals(300, created + refused, "every creation either worked or was refused");
            assertTrue(refused > 0, "the disk filled up: some creation was refused");
            // Once one creation failed inside Chronicle for want of space, the others are refused before it (a
            // refusal without a cause): each failure there costs a full garbage collection (Chronicle's System.gc()
            // when mapping a tier fails) and a 100 ms pause, in a service that keeps trying to create keys.
            assertTrue(refusedInsideChronicle <= 3, refusedInsideChronicle + " of " + refused
                    + " refused creations went through Chronicle's failing tier allocation");
            assertOpenInAnotherProcessIsTyped(dir, unexpected);

            Files.delete(filler);
            counter.incrementAndGet();
            increments++;
            state.longValue("after.space", 1);
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), () -> "the journal catches up once space returns: "
                    + state.statistics());
            ChronicleSharedState chronicle = (ChronicleSharedState) state;
            StoreMaintenance.VerifyReport report = StoreMaintenance.verify(chronicle);
            assertTrue(report.ok(), () -> "verify passes without recover: " + report.problems());
            SortedMap<String, Object> replayed = state.journal().replay();
            assertEquals(increments, ((Number) replayed.get("counter")).longValue(),
                    "the journal's replay, gaps and net changes included, gives the counter's value");
        }
        assertTrue(unexpected.isEmpty(), () -> "only typed exceptions on a full disk: " + unexpected);
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(increments, state.longValue("counter").get(), "the value survives a reopen");
        }
    }

    /** A process opening the store on the full disk either opens it or gets DiskFullException, in one line. */
    private static void assertOpenInAnotherProcessIsTyped(Path dir, List<String> unexpected) {
        try (JavaProcess child = JavaProcess.start(Worker.class, "open", dir)) {
            String line = child.nextLine(TIMEOUT);
            child.waitFor(TIMEOUT);
            if (!line.startsWith("opened") && !line.startsWith("failed DiskFullException")) {
                unexpected.add("another process opening the store: " + line + "\n" + child.stderr());
            }
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            text.append(text.length() == 0 ? "" : " <- ").append(cause).append(" at ").append(
                    cause.getStackTrace().length > 0 ? cause.getStackTrace()[0] : "?");
        }
        return text.toString();
    }
}
