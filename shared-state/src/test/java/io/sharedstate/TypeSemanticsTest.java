package io.sharedstate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Python's typecodes, with ctypes' widths and wrap-around under arithmetic. */
class TypeSemanticsTest {
    @TempDir
    Path dir;

    @Test
    void integerKindsWrapAroundLikeCtypes() {
        try (SharedState state = SharedState.open(dir)) {
            assertEquals(0L, state.value("B", 'B', 255).incrementAndGet());
            assertEquals(255L, state.value("B0", 'B', 0).decrementAndGet());
            assertEquals(-128L, state.value("b", 'b', 127).incrementAndGet());
            assertEquals(-32768L, state.value("h", 'h', 32767).incrementAndGet());
            assertEquals(0L, state.value("H", 'H', 65535).incrementAndGet());
            assertEquals((long) Integer.MIN_VALUE, state.value("i", 'i', Integer.MAX_VALUE).incrementAndGet());
            assertEquals(4294967295L, state.value("I", 'I', 0).decrementAndGet());
            assertEquals(Long.MIN_VALUE, state.value("q", 'q', Long.MAX_VALUE).incrementAndGet());
            assertEquals(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), state.value("Q", 'Q', 0).decrementAndGet());
            assertEquals(0L, state.value("L", 'L', BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)).incrementAndGet());
            assertEquals(Integer.MIN_VALUE, state.intValue("int", Integer.MAX_VALUE).incrementAndGet());
            assertEquals(44L, state.value("B2", 'B', 200).addAndGet(100));
        }
    }

    @Test
    void widthsMatchCtypesOn64BitLinux() {
        assertEquals(1, TypeCode.of('b').width());
        assertEquals(2, TypeCode.of('h').width());
        assertEquals(4, TypeCode.of('i').width());
        assertEquals(8, TypeCode.of('l').width());
        assertEquals(8, TypeCode.of('q').width());
        assertEquals(4, TypeCode.of('f').width());
        assertEquals(8, TypeCode.of('d').width());
        assertEquals(1, TypeCode.of('c').width());
        assertEquals(4, TypeCode.of('u').width());
        assertEquals(1, TypeCode.of('?').width());
        assertEquals("c_ulonglong", TypeCode.of('Q').ctypesName());
    }

    @Test
    void floatsRoundToTheirWidthAndAdd() {
        try (SharedState state = SharedState.open(dir)) {
            SharedValue f = state.value("f", 'f', 0.1);
            assertEquals((double) 0.1f, f.get());
            assertEquals((double) (0.1f + 0.2f), f.addAndGet(0.2).doubleValue(), 1e-7);
            SharedDouble d = state.doubleValue("d", 0.1);
            assertEquals(0.30000000000000004, d.addAndGet(0.2));
            assertTrue(d.compareAndSet(0.30000000000000004, 1.0));
            assertFalse(d.compareAndSet(0.3, 2.0));
            SharedDoubleArray a = state.doubleArray("a", 2);
            assertEquals(1.5, a.addAndGet(1, 1.5));
        }
    }

    @Test
    void charactersAndBooleansCanBeSetButNotAddedTo() {
        try (SharedState state = SharedState.open(dir)) {
            SharedValue flag = state.value("flag", '?', 0);
            flag.set(1);
            assertEquals(1L, flag.get());
            assertThrows(UnsupportedOperationException.class, flag::incrementAndGet);
            SharedValue c = state.value("c", 'c', (int) 'a');
            assertTrue(c.compareAndSet((int) 'a', (int) 'b'));
            assertEquals((long) 'b', c.get());
            assertThrows(UnsupportedOperationException.class, () -> c.addAndGet(1));
            SharedValueArray text = state.array("text", 'u', 0x48, 0x69);
            assertEquals(0x69L, text.get(1));
        }
    }

    @Test
    void atomicUpdatesApplyTheFunctionOnceUnderTheLock() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong v = state.longValue("v", 10);
            assertEquals(20, v.updateAndGet(x -> x * 2));
            assertEquals(20, v.getAndAccumulate(5, Long::sum));
            assertEquals(25, v.get());
            assertThrows(ArithmeticException.class, () -> v.updateAndGet(x -> x / 0));
            assertEquals(25, v.get(), "a failing function changes nothing");
            SharedIntArray ints = state.intArray("ints", 1, 2, 3);
            ints.fill(7);
            assertEquals(7, ints.get(2));
            ints.set(new int[] {4, 5, 6});
            assertEquals(15, java.util.Arrays.stream(ints.toArray()).sum());
        }
    }
}
