package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values live in the mapped file: they survive every process exiting, and a kill -9. */
class PersistenceTest {
    @TempDir
    Path dir;

    @Test
    void reopeningAfterAllProcessesExitedGivesBackEveryKeyWithItsTypeAndValue() {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("long", Long.MIN_VALUE);
            state.intValue("int", -7);
            state.doubleValue("double", Math.PI);
            state.value("ubyte", 'B', 255);
            state.value("ulonglong", 'Q', BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
            state.value("flag", '?', 1);
            state.value("char", 'c', (int) 'x');
            state.value("wide", 'u', 0x1F600);
            state.value("float", 'f', 1.5f);
            state.doubleArray("arr", 0.0, 1.0, 2.0);
            state.array("shorts", 'h', (short) -2, (short) 300);
            state.withJournal(JournalMode.OFF).longValue("quiet", 3);
        }
        try (JavaProcess child = JavaProcess.start(Worker.class, "increment", dir, "long", 1)) {
            child.awaitSuccess(Duration.ofSeconds(60));
            assertFalse(child.stderr().contains("WARN"), () -> "a process that opens a healthy store and changes a "
                    + "value logs no warning:\n" + child.stderr());
        }
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(List.of("arr", "char", "double", "flag", "float", "int", "long", "quiet", "shorts", "ubyte",
                    "ulonglong", "wide"), List.copyOf(state.names()));
            assertEquals(Long.MIN_VALUE + 1, state.longValue("long").get());
            assertEquals(-7, state.intValue("int").get());
            assertEquals(Math.PI, state.doubleValue("double").get());
            assertEquals(255L, state.value("ubyte").get());
            assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), state.value("ulonglong").get());
            assertEquals(1L, state.value("flag").get());
            assertEquals((long) 'x', state.value("char").get());
            assertEquals(0x1F600L, state.value("wide").get());
            assertEquals(1.5, state.value("float").get());
            assertArrayEquals(new double[] {0.0, 1.0, 2.0}, state.doubleArray("arr", 3).toArray());
            assertArrayEquals(new Number[] {-2L, 300L}, state.array("shorts").toArray());
            assertEquals(TypeCode.INT16, state.info("shorts").typecode());
            assertEquals(JournalMode.OFF, state.info("quiet").journal());
            assertEquals(JournalMode.ON, state.info("long").journal());
        }
    }

    @Test
    void valuesWrittenByAProcessKilledWithKill9Survive() {
        try (JavaProcess writer = JavaProcess.start(Worker.class, "crash-worker", dir, "counter", 0, 1)) {
            writer.awaitLine("ready", Duration.ofSeconds(30));
            try (SharedState state = SharedState.open(dir)) {
                SharedLong counter = state.longValue("counter");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (counter.get() < 10_000 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
            writer.kill9();
        }
        try (SharedState state = SharedState.open(dir)) {
            long counter = state.longValue("counter").get();
            long acks = state.longArray("counter.acks", 1).get(0);
            assertTrue(counter >= 10_000, "counter " + counter);
            assertTrue(counter - acks <= 1, "counter " + counter + " acks " + acks);
            assertEquals(counter + 1, state.longValue("counter").incrementAndGet(), "the key is usable again");
        }
    }

    @Test
    void exitingWhileAnotherThreadUsesAHandleDoesNotCrashTheJvm() {
        try (JavaProcess child = JavaProcess.start(Worker.class, "exit-while-busy", dir)) {
            assertEquals(0, child.waitFor(Duration.ofSeconds(60)), child.stderr());
            assertTrue(!child.stderr().contains("fatal error"), child.stderr());
        }
        try (SharedState state = SharedState.open(dir)) {
            assertTrue(state.longValue("busy").get() > 0);
        }
    }

    @Test
    void syncForcesValuesToDisk() {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("v", 1).incrementAndGet();
            state.sync();
            assertEquals(2, state.longValue("v").get());
        }
    }
}
