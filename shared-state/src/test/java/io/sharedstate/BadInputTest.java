package io.sharedstate;

import io.sharedstate.testing.JavaProcess;
import io.sharedstate.testing.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.SortedSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input gets a clear, typed exception, and changes nothing. */
class BadInputTest {
    @TempDir
    Path dir;

    @Test
    void askingForAnExistingKeyWithAnotherTypeOrLengthIsRefused() {
        try (SharedState state = SharedState.open(dir)) {
            state.intValue("hits", 7);
            state.longArray("cells", 3);
            TypeMismatchException type = assertThrows(TypeMismatchException.class, () -> state.doubleValue("hits"));
            assertEquals("key \"hits\" holds int32 ('i'), asked for float64 ('d')", type.getMessage());
            assertThrows(TypeMismatchException.class, () -> state.longValue("hits"));
            assertThrows(TypeMismatchException.class, () -> state.value("hits", 'I', 0));
            assertThrows(TypeMismatchException.class, () -> state.intArray("hits", 1));
            TypeMismatchException length = assertThrows(TypeMismatchException.class,
                    () -> state.longArray("cells", 4));
            assertTrue(length.getMessage().contains("an array of 3 int64 ('q'), asked for an array of 4"),
                    length.getMessage());
            assertThrows(TypeMismatchException.class, () -> state.longValue("cells"));
            assertThrows(TypeMismatchException.class, () -> state.array("hits"));
            assertThrows(TypeMismatchException.class, () -> state.value("cells"));
            assertEquals(7, state.intValue("hits").get());
            assertArrayEquals(new long[3], state.longArray("cells", 3).toArray());
        }
    }

    @Test
    void anIndexOutOfBoundsIsRefused() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLongArray cells = state.longArray("cells", 1L, 2L, 3L);
            assertThrows(IndexOutOfBoundsException.class, () -> cells.get(3));
            assertThrows(IndexOutOfBoundsException.class, () -> cells.set(-1, 5));
            assertThrows(IndexOutOfBoundsException.class, () -> cells.incrementAndGet(3));
            assertThrows(IllegalArgumentException.class, () -> cells.set(new long[] {1, 2}));
            assertArrayEquals(new long[] {1, 2, 3}, cells.toArray());
        }
    }

    @Test
    void badNamesAreRefused() {
        try (SharedState state = SharedState.open(dir)) {
            assertThrows(InvalidNameException.class, () -> state.longValue(""));
            String tooLong = "é".repeat(128);
            InvalidNameException longName = assertThrows(InvalidNameException.class, () -> state.longValue(tooLong));
            assertTrue(longName.getMessage().contains("256 bytes"), longName.getMessage());
            state.longValue("é".repeat(127) + "x");
            assertThrows(InvalidNameException.class, () -> state.longValue("tab\there"));
            assertThrows(InvalidNameException.class, () -> state.longValue("new\nline"));
            assertThrows(InvalidNameException.class, () -> state.longValue("nul\u0000"));
            assertThrows(NullPointerException.class, () -> state.longValue(null));
            assertEquals(1, state.names().size());
        }
    }

    @Test
    void unknownTypecodesAndOutOfRangeValuesAreRefused() {
        try (SharedState state = SharedState.open(dir)) {
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> state.value("x", 'z', 0));
            assertTrue(unknown.getMessage().contains("unknown typecode 'z'"), unknown.getMessage());
            assertThrows(ValueOutOfRangeException.class, () -> state.value("x", 'B', 256));
            assertThrows(ValueOutOfRangeException.class, () -> state.value("x", 'b', -129));
            assertThrows(ValueOutOfRangeException.class, () -> state.value("x", 'I', -1));
            assertThrows(ValueOutOfRangeException.class, () -> state.value("x", 'Q', BigInteger.ONE.shiftLeft(64)));
            assertThrows(ValueOutOfRangeException.class, () -> state.value("x", '?', 2));
            assertThrows(ValueOutOfRangeException.class, () -> state.value("x", 'u', 0x110000));
            assertThrows(ValueOutOfRangeException.class, () -> state.value("x", 'f', 1e39));
            assertThrows(IllegalArgumentException.class, () -> state.value("x", 'i', 1.5));
            assertFalse(state.contains("x"), "a refused creation creates nothing");

            SharedValue small = state.value("small", 'B', 200);
            assertThrows(ValueOutOfRangeException.class, () -> small.set(300));
            assertThrows(UnsupportedOperationException.class, () -> state.value("flag", '?', 1).addAndGet(1));
            assertEquals(200L, small.get());
        }
    }

    @Test
    void aFullStoreRefusesNewKeysAndKeepsTheOldOnes() {
        try (SharedState state = SharedState.builder(dir).capacity(10).open()) {
            for (int i = 0; i < 10; i++) {
                state.longValue("k" + i, i);
            }
            StoreFullException full = assertThrows(StoreFullException.class, () -> state.longValue("k10"));
            assertTrue(full.getMessage().contains("capacity"), full.getMessage());
            assertEquals(10, state.names().size());
            assertEquals(9, state.longValue("k9").get());
        }
    }

    @Test
    void anArrayLongerThanTheStoreAllowsIsRefused() {
        try (SharedState state = SharedState.builder(dir).maxArrayLength(100).open()) {
            assertThrows(IllegalArgumentException.class, () -> state.longArray("big", 101));
            assertEquals(100, state.longArray("ok", 100).length());
        }
    }

    @Test
    void aDirectoryThatIsNotAStoreIsRefused() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a store");
        StoreFormatException e = assertThrows(StoreFormatException.class, () -> SharedState.open(dir));
        assertTrue(e.getMessage().contains("is not a shared-state store"), e.getMessage());
        assertEquals(List.of("notes.txt"), list(dir));
        Path file = dir.resolve("notes.txt");
        assertThrows(StoreFormatException.class, () -> SharedState.open(file));
        assertThrows(StoreFormatException.class, () -> SharedState.builder(dir.resolve("missing")).readOnly().open());
    }

    @Test
    void aHeaderOfANewerFormatVersionIsRefused() throws IOException {
        createStore();
        try (FileChannel header = FileChannel.open(dir.resolve("shared-state.meta"), StandardOpenOption.WRITE)) {
            header.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 3), 8);
        }
        assertEquals("failed StoreFormatException", openInChild().split(":")[0]);
        assertTrue(openInChild().contains("newer"), openInChild());
    }

    @Test
    void headersOfOtherFormatVersionsWithAValidChecksumAreRefused() throws IOException {
        createStore();
        for (int version : new int[] {1, 0, -1, Integer.MIN_VALUE}) {
            rewriteVersion(dir.resolve("shared-state.meta"), version);
            String outcome = openInChild();
            assertTrue(outcome.startsWith("failed StoreFormatException") && outcome.contains("format version "
                    + version), "version " + version + ": " + outcome);
        }
    }

    /** Sets the header's format version and recomputes its checksum, as a file of that version would have. */
    private static void rewriteVersion(Path file, int version) throws IOException {
        try (FileChannel header = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer fixed = ByteBuffer.allocate(128).order(ByteOrder.nativeOrder());
            header.read(fixed, 0);
            fixed.putInt(8, version);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(fixed.duplicate().position(0).limit(124));
            fixed.putInt(124, (int) crc.getValue());
            header.write(fixed.position(0), 0);
        }
    }

    @Test
    void aTruncatedOrCorruptFileIsReportedWithoutCrashingTheJvm() throws IOException {
        List<String> crashFilesBefore = crashFiles();
        createStore();
        Path map = dir.resolve("values.cm3");
        long size = Files.size(map);
        byte[] original = Files.readAllBytes(map);

        try (RandomAccessFile file = new RandomAccessFile(map.toFile(), "rw")) {
            file.setLength(size / 2);
        }
        assertTrue(openInChild().startsWith("failed StoreFormatException"), "truncated map");

        Files.write(map, original);
        try (RandomAccessFile file = new RandomAccessFile(map.toFile(), "rw")) {
            file.seek(0);
            file.write(new byte[256]);
        }
        assertTrue(openInChild().startsWith("failed StoreFormatException"), "corrupt map header");

        Files.write(map, original);
        Path header = dir.resolve("shared-state.meta");
        byte[] headerBytes = Files.readAllBytes(header);
        try (RandomAccessFile file = new RandomAccessFile(header.toFile(), "rw")) {
            file.setLength(100);
        }
        assertTrue(openInChild().startsWith("failed StoreFormatException"), "truncated header");
        Files.write(header, headerBytes);
        headerBytes[20] ^= 0x55;
        Files.write(header, headerBytes);
        assertTrue(openInChild().contains("corrupt"), "header with a bad checksum");

        assertEquals(crashFilesBefore, crashFiles(), "a child JVM crashed");
    }

    private static List<String> crashFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("."))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("hs_err"))
                    .sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    @Test
    void aClosedStoreAndItsHandlesRefuseOperations() {
        SharedState state = SharedState.open(dir);
        SharedLong hits = state.longValue("hits", 1);
        state.close();
        assertThrows(StoreClosedException.class, hits::get);
        assertThrows(StoreClosedException.class, hits::incrementAndGet);
        assertThrows(StoreClosedException.class, () -> state.longValue("hits"));
        assertThrows(StoreClosedException.class, state::names);
        state.close();
        try (SharedState reopened = SharedState.open(dir)) {
            assertEquals(1, reopened.longValue("hits").get());
        }
    }

    @Test
    void aHandleWhoseKeyAnotherProcessRemovedSaysSo() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong hits = state.longValue("hits", 1);
            SharedLongArray cells = state.longArray("cells", 2);
            try (JavaProcess remover = JavaProcess.start(Worker.class, "remove", dir, "hits")) {
                assertEquals("removed true", remover.awaitLine("removed", Duration.ofSeconds(30)));
                remover.awaitSuccess(Duration.ofSeconds(30));
            }
            KeyRemovedException e = assertThrows(KeyRemovedException.class, hits::get);
            assertTrue(e.getMessage().contains("\"hits\" was removed"), e.getMessage());
            assertThrows(KeyRemovedException.class, hits::incrementAndGet);
            assertThrows(KeyRemovedException.class, hits::lock);
            assertFalse(state.contains("hits"));
            assertThrows(NoSuchKeyException.class, () -> state.info("hits"));

            SharedLong again = state.longValue("hits", 5);
            assertEquals(5, again.get());
            assertThrows(KeyRemovedException.class, hits::get, "an old handle never sees the new key");
            assertEquals(0, cells.get(1), "other keys are untouched");
        }
    }

    @Test
    void aReadOnlyStoreRefusesChanges() {
        createStore();
        try (SharedState state = SharedState.builder(dir).readOnly().open()) {
            SharedLong hits = state.longValue("hits");
            assertEquals(42, hits.get());
            assertThrows(UnsupportedOperationException.class, hits::incrementAndGet);
            assertThrows(UnsupportedOperationException.class, () -> state.remove("hits"));
            assertThrows(NoSuchKeyException.class, () -> state.longValue("new"));
        }
        try (SharedState state = SharedState.open(dir)) {
            SortedSet<String> names = state.names();
            assertEquals(List.of("hits"), List.copyOf(names));
        }
    }

    private void createStore() {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("hits", 42);
        }
    }

    private String openInChild() {
        try (JavaProcess child = JavaProcess.start(Worker.class, "open", dir)) {
            String line = child.nextLine(Duration.ofSeconds(60));
            assertEquals(0, child.waitFor(Duration.ofSeconds(60)), "the JVM must not crash: " + child.stderr());
            return line;
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList());
        }
    }
}
