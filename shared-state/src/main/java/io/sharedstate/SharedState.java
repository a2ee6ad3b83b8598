package io.sharedstate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A directory of typed values and arrays that any number of processes and threads share by name; Python's
 * {@code multiprocessing.Value} and {@code Array}, done right.
 *
 * <pre>{@code
 * try (SharedState state = SharedState.open(Path.of("/var/lib/myapp/state"))) {
 *     SharedLong hits = state.longValue("hits", 0);      // get or create; attach from any process
 *     hits.incrementAndGet();                              // atomic across processes
 *     SharedDoubleArray temps = state.doubleArray("temps", 0.0, 1.0, 2.0);
 *     temps.set(1, 3.0);
 *     try (SharedLock lock = state.lock("hits")) {       // compound sections
 *         if (hits.get() > 100) hits.set(0);
 *     }
 * }
 * }</pre>
 *
 * <p>Values live in a memory-mapped file, so they survive every process exiting or being killed; reopening the
 * directory gives back every key with its type and value. Every operation on a key is atomic with respect to
 * every other operation on that key from any thread of any process. Creating a key takes an initial value that
 * applies only if the key does not exist yet; asking for an existing key with another type or length throws
 * {@link TypeMismatchException}. Every change is also appended to a journal that other processes can watch.
 *
 * <p>Instances are thread-safe. {@link #close()} releases the store; handles and locks obtained from a closed store
 * throw {@link StoreClosedException}. Operations still running in other threads when {@code close()} is called
 * either complete or throw {@link StoreClosedException}; they never crash the JVM.
 */
public interface SharedState extends AutoCloseable {

    /**
     * Opens the store in {@code directory} with the default settings, creating it if the directory does not
     * exist or is empty.
     *
     * @throws StoreFormatException if the directory holds something that is not a valid store
     */
    static SharedState open(Path directory) {
        return builder(directory).open();
    }

    /** Returns a builder to open the store in {@code directory} with non-default settings. */
    static SharedStateBuilder builder(Path directory) {
        return new SharedStateBuilder(directory);
    }

    /** Returns the store's directory. */
    Path directory();

    /** Returns the 64-bit integer {@code name}, creating it with value 0 if it does not exist. */
    SharedLong longValue(String name);

    /** Returns the 64-bit integer {@code name}, creating it with {@code initial} if it does not exist. */
    SharedLong longValue(String name, long initial);

    /** Returns the 32-bit integer {@code name}, creating it with value 0 if it does not exist. */
    SharedInt intValue(String name);

    /** Returns the 32-bit integer {@code name}, creating it with {@code initial} if it does not exist. */
    SharedInt intValue(String name, int initial);

    /** Returns the double {@code name}, creating it with value 0.0 if it does not exist. */
    SharedDouble doubleValue(String name);

    /** Returns the double {@code name}, creating it with {@code initial} if it does not exist. */
    SharedDouble doubleValue(String name, double initial);

    /**
     * Returns the value {@code name} of type {@code typecode}, creating it with {@code initial} if it does not
     * exist; Python's {@code Value(typecode, initial)}.
     *
     * @throws IllegalArgumentException if {@code typecode} is unknown
     * @throws ValueOutOfRangeException if {@code initial} does not fit the type
     */
    SharedValue value(String name, char typecode, Number initial);

    /**
     * Attaches to the existing single value {@code name}, whatever its type.
     *
     * @throws NoSuchKeyException if there is no such key
     * @throws TypeMismatchException if the key holds an array
     */
    SharedValue value(String name);

    /** Returns the array {@code name} of {@code length} 64-bit integers, creating it filled with 0. */
    SharedLongArray longArray(String name, int length);

    /** Returns the array {@code name}, creating it with the given elements (and their number as its length). */
    SharedLongArray longArray(String name, long... initial);

    /** Returns the array {@code name} of {@code length} 32-bit integers, creating it filled with 0. */
    SharedIntArray intArray(String name, int length);

    /** Returns the array {@code name}, creating it with the given elements (and their number as its length). */
    SharedIntArray intArray(String name, int... initial);

    /** Returns the array {@code name} of {@code length} doubles, creating it filled with 0.0. */
    SharedDoubleArray doubleArray(String name, int length);

    /**
     * Returns the array {@code name}, creating it with the given elements; Python's
     * {@code Array('d', [0.0, 1.0, 2.0])}.
     */
    SharedDoubleArray doubleArray(String name, double... initial);

    /** Returns the array {@code name} of {@code length} elements of type {@code typecode}, creating it zeroed. */
    SharedValueArray array(String name, char typecode, int length);

    /**
     * Returns the array {@code name} of type {@code typecode}, creating it with the given elements.
     *
     * @throws ValueOutOfRangeException if an element does not fit the type
     */
    SharedValueArray array(String name, char typecode, Number... initial);

    /**
     * Attaches to the existing array {@code name}, whatever its type and length.
     *
     * @throws NoSuchKeyException if there is no such key
     * @throws TypeMismatchException if the key holds a single value
     */
    SharedValueArray array(String name);

    /**
     * Acquires the lock of the existing key {@code name}, waiting as long as needed, and returns it for
     * try-with-resources. See {@link SharedLock}.
     *
     * @throws NoSuchKeyException if there is no such key
     */
    SharedLock lock(String name);

    /**
     * As {@link #lock(String)}, but gives up if the current thread is interrupted while waiting.
     *
     * @throws NoSuchKeyException if there is no such key
     * @throws InterruptedException if the thread was interrupted; the lock is not held
     */
    SharedLock lockInterruptibly(String name) throws InterruptedException;

    /**
     * Acquires the lock of the existing key {@code name} if it becomes free within {@code timeout}. A zero timeout
     * tries once, as Python's {@code acquire(block=False)}, and still takes over a lock whose owner died.
     *
     * @return the held lock, or empty if the timeout elapsed
     * @throws NoSuchKeyException if there is no such key
     */
    Optional<SharedLock> tryLock(String name, Duration timeout);

    /** Returns the names of all keys, sorted. */
    SortedSet<String> names();

    /** Returns the names of the keys that start with {@code prefix}, sorted. */
    SortedSet<String> names(String prefix);

    /** Returns whether the key exists. */
    boolean contains(String name);

    /**
     * Returns a description of the key.
     *
     * @throws NoSuchKeyException if there is no such key
     */
    KeyInfo info(String name);

    /**
     * Removes the key, waiting for its lock; handles to it in any process then throw
     * {@link KeyRemovedException}.
     *
     * @return whether the key existed
     */
    boolean remove(String name);

    /** Forces every value to disk, so that it survives a machine crash as well as a process crash. */
    void sync();

    /**
     * Returns a view of this store whose new keys are created with the given journal setting, for example
     * {@code state.withJournal(JournalMode.OFF).longValue("hot", 0)}. Existing keys keep their setting.
     * The view shares this store's files and handles. Closing the view closes only the view (its later calls
     * throw {@link StoreClosedException}); closing this store closes its views too.
     */
    SharedState withJournal(JournalMode mode);

    /** Returns the settings the store has: those it was created with, whatever the builder that opened it said. */
    StoreSettings settings();

    /** Returns the store's figures as they are now: keys and room, processes, locks, journal. */
    StoreStatistics statistics();

    /** Returns the store's change journal, to read past events or replay values as of a past instant. */
    Journal journal();

    /**
     * Calls {@code listener} with every change journaled from now on by any process, in journal order (each key's
     * changes in the order they happened), on a thread of its own, until the returned subscription is closed.
     * Closing it first delivers what was journaled before the close.
     */
    Subscription watch(java.util.function.Consumer<ChangeEvent> listener);

    /** As {@link #watch(java.util.function.Consumer)}, for the changes of the key named {@code key} only. */
    Subscription watch(String key, java.util.function.Consumer<ChangeEvent> listener);

    /** As {@link #watch(java.util.function.Consumer)}, for the keys whose names start with {@code prefix}. */
    Subscription watchPrefix(String prefix, java.util.function.Consumer<ChangeEvent> listener);

    /** Returns whether the store was opened read-only. */
    boolean isReadOnly();

    /** Returns whether {@link #close()} was called. */
    boolean isClosed();

    /** Closes the store; its handles then throw {@link StoreClosedException}. */
    @Override
    void close();
}
