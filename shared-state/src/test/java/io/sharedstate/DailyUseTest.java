package io.sharedstate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a service developer trips over in daily use (issue 13): each test pins one item. */
class DailyUseTest {
    private static final Duration HANG = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theLargestValueThatStatisticsPromiseCanBeCreated() {
        try (SharedState state = SharedState.open(dir)) {
            for (int i = 0; ; i++) {
                boolean promised = state.statistics().largestValueBytes() >= 16_384L * Double.BYTES;
                String name = "a" + i;
                if (promised) {
                    assertDoesNotThrow(() -> state.doubleArray(name, 16_384), "statistics promised room for " + name);
                } else {
                    StoreFullException full = assertThrows(StoreFullException.class,
                            () -> state.doubleArray(name, 16_384));
                    assertTrue(full.getMessage().contains("bytes"), full.getMessage());
                    break;
                }
            }
        }
    }

    @Test
    void namesThatDifferOnlyInUnicodeNormalizationAreOneKey() {
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("caf\u00e9", 1);
            assertEquals(2, state.longValue("cafe\u0301").incrementAndGet());
            assertEquals(List.of("caf\u00e9"), List.copyOf(state.names()));
            assertTrue(state.contains("cafe\u0301"));
        }
    }

    @Test
    void removedKeysGiveTheirRoomBackInTheProcessThatRemovedThem() {
        try (SharedState state = SharedState.builder(dir).capacity(3).open()) {
            state.longValue("k0", 1);
            state.longValue("k1", 1);
            state.longValue("k2", 1);
            assertTrue(state.remove("k0"));
            assertTrue(state.remove("k1"));
            state.longValue("n0", 1);
            state.longValue("n1", 1);
            assertEquals(List.of("k2", "n0", "n1"), List.copyOf(state.names()));
        }
    }

    @Test
    void settingsThatCannotApplyToAnExistingStoreAreRefusedWhenStrictAndShownBySettings() {
        SharedState.open(dir).close();
        StoreSettings created = SharedState.open(dir).settings();
        SharedStateException strict = assertThrows(SharedStateException.class,
                () -> SharedState.builder(dir).capacity(1000).strictSettings().open());
        assertTrue(strict.getMessage().contains("capacity"), strict.getMessage());
        try (SharedState lax = SharedState.builder(dir).capacity(1000).open()) {
            assertEquals(created.capacity(), lax.settings().capacity());
        }
    }

    @Test
    void closingAWatchDeliversWhatWasJournaledBeforeAndAKeyIsNotAPrefix() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong hits = state.longValue("hits", 0);
            SharedLong perSecond = state.longValue("hitsPerSecond", 0);
            List<ChangeEvent> seen = new CopyOnWriteArrayList<>();
            Subscription watch = state.watch("hits", seen::add);
            perSecond.set(9);
            hits.set(5);
            watch.close();
            assertTrue(seen.stream().allMatch(e -> e.key().equals("hits")), seen.toString());
            assertEquals(List.of(5L), seen.get(seen.size() - 1).values(), seen.toString());
        }
    }

    @Test
    void closingASharedLockTwiceIsHarmless() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLock lock = state.longValue("k", 0).lock();
            lock.close();
            assertDoesNotThrow(lock::close);
            assertFalse(lock.isHeldByCurrentThread());
        }
    }

    @Test
    void lockInterruptiblyAnswersAnInterrupt() throws Exception {
        try (SharedState state = SharedState.open(dir); SharedLock held = state.longValue("k", 0).lock()) {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                try (SharedLock unexpected = state.lockInterruptibly("k")) {
                    outcome.set(new AssertionError("got the lock held by another thread"));
                } catch (Throwable t) {
                    outcome.set(t);
                } finally {
                    done.countDown();
                }
            });
            waiter.start();
            while (waiter.getState() == Thread.State.NEW || waiter.getState() == Thread.State.RUNNABLE) {
                Thread.onSpinWait();
            }
            waiter.interrupt();
            assertTrue(done.await(HANG.toSeconds(), TimeUnit.SECONDS));
            assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
        }
    }

    @Test
    void closingAViewLeavesItsStoreOpen() {
        try (SharedState state = SharedState.open(dir)) {
            try (SharedState quiet = state.withJournal(JournalMode.OFF)) {
                quiet.longValue("k", 1);
            }
            assertFalse(state.isClosed());
            assertEquals(1, state.longValue("k").get());
        }
    }

    @Test
    void aHandleWhoseKeyWasRemovedReattaches() {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong hits = state.longValue("hits", 3);
            state.remove("hits");
            assertFalse(hits.isValid());
            assertThrows(KeyRemovedException.class, hits::get);
            SharedLong again = hits.reattach();
            assertEquals(3, again.get());
            again.incrementAndGet();
            assertEquals(4, state.longValue("hits").get());
        }
    }

    @Test
    void peekReadsTheLastConsistentValueWhileAnotherThreadHoldsASection() throws Exception {
        try (SharedState state = SharedState.open(dir)) {
            SharedLong hits = state.longValue("hits", 1);
            CountDownLatch inSection = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                try (SharedLock section = hits.lock()) {
                    hits.set(2);
                    inSection.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writer.start();
            assertTrue(inSection.await(HANG.toSeconds(), TimeUnit.SECONDS));
            long peeked = assertTimeoutPreemptively(HANG, hits::peek);
            release.countDown();
            writer.join();
            assertEquals(1, peeked);
            assertEquals(2, hits.get());
        }
    }

    @Test
    void anArrayLongerThanAnyStoreIsRefusedNamingTheLimit() {
        try (SharedState state = SharedState.open(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> state.longArray("big", Integer.MAX_VALUE));
            assertTrue(e.getMessage().contains(String.valueOf(state.settings().maxArrayLength())), e.getMessage());
        }
    }

    @Test
    void journalEventsRefusesNullBoundsAtTheCall() {
        try (SharedState state = SharedState.open(dir)) {
            NullPointerException e = assertThrows(NullPointerException.class,
                    () -> state.journal().events(null, null));
            assertTrue(e.getMessage() != null && e.getMessage().contains("from"), String.valueOf(e.getMessage()));
            assertThrows(NullPointerException.class, () -> state.journal().events(Instant.now(), null));
        }
    }

    @Test
    void aFloatTooLargeForItsTypeIsRefusedAsABigDecimalToo() {
        try (SharedState state = SharedState.open(dir)) {
            SharedValue f = state.value("f", 'f', 0);
            assertThrows(ValueOutOfRangeException.class, () -> f.set(1e300));
            assertThrows(ValueOutOfRangeException.class, () -> f.set(new BigDecimal("1E+400")));
            assertThrows(ValueOutOfRangeException.class, () -> state.value("d", 'd', new BigDecimal("1E+400")));
            assertEquals(0.0, f.get().doubleValue());
        }
    }

    @Test
    void namesWithBidiOverridesOrInvisibleCharactersAreRefused() {
        try (SharedState state = SharedState.open(dir)) {
            for (String name : List.of("user\u202Egnp.exe", "a\u200Bb", "a\u200Db", "a\uFEFFb", "a\u2066b",
                    "a\u061Cb", "a\u00ADb")) {
                assertThrows(InvalidNameException.class, () -> state.longValue(name), name);
            }
            assertTrue(state.names().isEmpty());
        }
    }
}
