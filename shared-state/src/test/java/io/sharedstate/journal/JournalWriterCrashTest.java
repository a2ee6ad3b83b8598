package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import io.sharedstate.testing.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process killed in the middle of appending to the journal holds the queue's write lock and leaves half an
 * event. Other writers continue within a second, and readers never see the half event.
 */
class JournalWriterCrashTest {
    @TempDir
    Path dir;

    @Test
    void aWriterKilledMidAppendBlocksOthersUnderASecondAndLeavesNoTornEvent() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong hits = state.longValue("hits", 0);
            hits.incrementAndGet();
            try (JavaProcess writer = JavaProcess.start(HalfWrittenEventWriter.class, dir.resolve("journal"))) {
                writer.awaitLine("holding", Duration.ofSeconds(30));
                writer.kill9();
            }
            long start = System.nanoTime();
            hits.incrementAndGet();
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMillis < 1_000, "the next append waited " + tookMillis + " ms");
            hits.incrementAndGet();

            try (Stream<ChangeEvent> events = state.journal().events()) {
                List<String> seen = events.map(event -> event.operation() + " " + event.values())
                        .collect(Collectors.toList());
                assertEquals(List.of("CREATE [0]", "ADD [1]", "ADD [2]", "ADD [3]"), seen);
            }
            assertEquals(3, hits.get());
        }
    }
}
