package io.sharedstate.journal;

import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drainer whose append failed inside Chronicle must not append on with the same appender. Seen in DiskFullTest:
 * the disk filled up between the drainer's space check and its append, the append died of SIGBUS, and every later
 * document that appender gave had no wire, so the journal never caught up once space came back. Here the drainer's
 * appender is swapped for one that fails on every call, as that one did.
 */
class DrainerAppendFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aDrainerWhoseAppenderFailedOpensTheQueueAfreshAndTheJournalCatchesUp() throws Exception {
        try (SharedState state = SharedState.open(dir.resolve("store"))) {
            SharedLong counter = state.longValue("counter", 0);
            counter.incrementAndGet();
            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), "the first events are drained");
            Drainer drainer = (Drainer) field(ChronicleJournal.class, "drainer").get(state.journal());
            assertTrue(drainer.isElected(), "this process drains");

            // The drainer reads the field after this process's next staged event, which its ring publishes with a
            // release store and the drainer reads with an acquire load.
            ExcerptAppender failing;
            try (SingleChronicleQueue closed = SingleChronicleQueueBuilder.single(dir.resolve("other").toFile())
                    .build()) {
                failing = closed.createAppender();
            }
            field(Drainer.class, "appender").set(drainer, failing);
            for (int i = 0; i < 1_000; i++) {
                counter.incrementAndGet();
            }

            assertTrue(state.journal().awaitCaughtUp(TIMEOUT), () -> "the journal catches up after a failed append: "
                    + state.statistics().journal());
            assertNotSame(failing, field(Drainer.class, "appender").get(drainer), "the failed appender was dropped");
            List<Long> values;
            try (Stream<ChangeEvent> events = state.journal().events()) {
                values = events.filter(event -> event.key().equals("counter"))
                        .map(event -> event.values().get(0).longValue()).collect(Collectors.toList());
            }
            assertEquals(LongStream.rangeClosed(0, 1_001).boxed().collect(Collectors.toList()), values,
                    "every change once, in order: the creation, then each increment");
        }
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
