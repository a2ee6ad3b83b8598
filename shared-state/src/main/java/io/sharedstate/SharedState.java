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
     * @param directory the store's directory; created, with any missing parents, if it does not exist
     * @return the open store, to be closed
     * @throws StoreFormatException if the directory holds something that is not a valid store
     */
    static SharedState open(Path directory) {
        return builder(directory).open();
    }

    /**
     * Returns a builder to open the store in {@code directory} with non-default settings.
     *
     * @param directory the store's directory
     * @return a new builder with the default settings
     */
    static SharedStateBuilder builder(Path directory) {
        return new SharedStateBuilder(directory);
    }

    /**
     * Returns the store's directory.
     *
     * @return the directory given to {@link #open(Path)} or {@link #builder(Path)}
     */
    Path directory();

    /**
     * Returns the 64-bit integer {@code name}, creating it with value 0 if it does not exist.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @return a {@code 'q'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     */
    SharedLong longValue(String name);

    /**
     * Returns the 64-bit integer {@code name}, creating it with {@code initial} if it does not exist.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param initial the value if the key is created; ignored if it exists
     * @return a {@code 'q'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     */
    SharedLong longValue(String name, long initial);

    /**
     * Returns the 32-bit integer {@code name}, creating it with value 0 if it does not exist.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @return a {@code 'i'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     */
    SharedInt intValue(String name);

    /**
     * Returns the 32-bit integer {@code name}, creating it with {@code initial} if it does not exist.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param initial the value if the key is created; ignored if it exists
     * @return a {@code 'i'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     */
    SharedInt intValue(String name, int initial);

    /**
     * Returns the double {@code name}, creating it with value 0.0 if it does not exist.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @return a {@code 'd'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     */
    SharedDouble doubleValue(String name);

    /**
     * Returns the double {@code name}, creating it with {@code initial} if it does not exist.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param initial the value if the key is created; ignored if it exists
     * @return a {@code 'd'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     */
    SharedDouble doubleValue(String name, double initial);

    /**
     * Returns the value {@code name} of type {@code typecode}, creating it with {@code initial} if it does not
     * exist; Python's {@code Value(typecode, initial)}.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param typecode a Python {@code array} typecode, such as {@code 'i'}; see {@link TypeCode}
     * @param initial the value if the key is created, of a {@link Number} class the type accepts (see
     *         {@link SharedValue#set}); checked even if the key exists
     * @return a handle to the key, of type {@code typecode}
     * @throws IllegalArgumentException if {@code typecode} is unknown
     * @throws ValueOutOfRangeException if {@code initial} does not fit the type
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws NullPointerException if {@code initial} is null
     */
    SharedValue value(String name, char typecode, Number initial);

    /**
     * Attaches to the existing single value {@code name}, whatever its type.
     *
     * @param name the key's name
     * @return a handle to the key
     * @throws NoSuchKeyException if there is no such key
     * @throws TypeMismatchException if the key holds an array
     * @throws InvalidNameException if {@code name} is not a valid key name
     */
    SharedValue value(String name);

    /**
     * Returns the array {@code name} of {@code length} 64-bit integers, creating it filled with 0.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param length the number of elements, from 1 to {@link StoreSettings#maxArrayLength()}
     * @return a {@code 'q'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code length} is outside that range
     */
    SharedLongArray longArray(String name, int length);

    /**
     * Returns the array {@code name}, creating it with the given elements (and their number as its length).
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param initial the elements if the key is created, at least one and at most
     *         {@link StoreSettings#maxArrayLength()}; their number is the length asked for
     * @return a {@code 'q'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code initial} is empty or longer than that
     */
    SharedLongArray longArray(String name, long... initial);

    /**
     * Returns the array {@code name} of {@code length} 32-bit integers, creating it filled with 0.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param length the number of elements, from 1 to {@link StoreSettings#maxArrayLength()}
     * @return a {@code 'i'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code length} is outside that range
     */
    SharedIntArray intArray(String name, int length);

    /**
     * Returns the array {@code name}, creating it with the given elements (and their number as its length).
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param initial the elements if the key is created, at least one and at most
     *         {@link StoreSettings#maxArrayLength()}; their number is the length asked for
     * @return a {@code 'i'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code initial} is empty or longer than that
     */
    SharedIntArray intArray(String name, int... initial);

    /**
     * Returns the array {@code name} of {@code length} doubles, creating it filled with 0.0.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param length the number of elements, from 1 to {@link StoreSettings#maxArrayLength()}
     * @return a {@code 'd'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code length} is outside that range
     */
    SharedDoubleArray doubleArray(String name, int length);

    /**
     * Returns the array {@code name}, creating it with the given elements; Python's
     * {@code Array('d', [0.0, 1.0, 2.0])}.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param initial the elements if the key is created, at least one and at most
     *         {@link StoreSettings#maxArrayLength()}; their number is the length asked for
     * @return a {@code 'd'} handle to the key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code initial} is empty or longer than that
     */
    SharedDoubleArray doubleArray(String name, double... initial);

    /**
     * Returns the array {@code name} of {@code length} elements of type {@code typecode}, creating it zeroed.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param typecode a Python {@code array} typecode, such as {@code 'i'}; see {@link TypeCode}
     * @param length the number of elements, from 1 to {@link StoreSettings#maxArrayLength()}
     * @return a handle to the key, of type {@code typecode}
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code typecode} is unknown or {@code length} is outside that range
     */
    SharedValueArray array(String name, char typecode, int length);

    /**
     * Returns the array {@code name} of type {@code typecode}, creating it with the given elements.
     *
     * @param name the key's name: 1 to {@value InvalidNameException#MAX_NAME_BYTES} bytes of UTF-8, compared in
     *         Unicode normalization form C
     * @param typecode a Python {@code array} typecode, such as {@code 'i'}; see {@link TypeCode}
     * @param initial the elements if the key is created, at least one and at most
     *         {@link StoreSettings#maxArrayLength()}; checked even if the key exists
     * @return a handle to the key, of type {@code typecode}
     * @throws ValueOutOfRangeException if an element does not fit the type
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws TypeMismatchException if the key exists with another type or length
     * @throws StoreFullException if the key must be created and the store has no room for it
     * @throws NoSuchKeyException if the store is read-only and the key does not exist
     * @throws IllegalArgumentException if {@code typecode} is unknown, or {@code initial} is empty or too long
     * @throws NullPointerException if {@code initial} or one of its elements is null
     */
    SharedValueArray array(String name, char typecode, Number... initial);

    /**
     * Attaches to the existing array {@code name}, whatever its type and length.
     *
     * @param name the key's name
     * @return a handle to the key
     * @throws NoSuchKeyException if there is no such key
     * @throws TypeMismatchException if the key holds a single value
     * @throws InvalidNameException if {@code name} is not a valid key name
     */
    SharedValueArray array(String name);

    /**
     * Acquires the lock of the existing key {@code name}, waiting as long as needed, and returns it for
     * try-with-resources. See {@link SharedLock}.
     *
     * @param name the key's name
     * @return the lock, held by the current thread; close it to release it
     * @throws NoSuchKeyException if there is no such key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws UnsupportedOperationException if the store is read-only
     */
    SharedLock lock(String name);

    /**
     * As {@link #lock(String)}, but gives up if the current thread is interrupted while waiting.
     *
     * @param name the key's name
     * @return the lock, held by the current thread; close it to release it
     * @throws NoSuchKeyException if there is no such key
     * @throws InterruptedException if the thread was interrupted; the lock is not held
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws UnsupportedOperationException if the store is read-only
     */
    SharedLock lockInterruptibly(String name) throws InterruptedException;

    /**
     * Acquires the lock of the existing key {@code name} if it becomes free within {@code timeout}. A zero timeout
     * tries once, as Python's {@code acquire(block=False)}, and still takes over a lock whose owner died.
     *
     * @param name the key's name
     * @param timeout how long to wait at most; zero or negative tries once
     * @return the held lock, or empty if the timeout elapsed
     * @throws NoSuchKeyException if there is no such key
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws NullPointerException if {@code timeout} is null
     * @throws UnsupportedOperationException if the store is read-only
     */
    Optional<SharedLock> tryLock(String name, Duration timeout);

    /**
     * Returns the names of all keys, sorted.
     *
     * @return an unmodifiable snapshot of the names, in {@link String} order
     */
    SortedSet<String> names();

    /**
     * Returns the names of the keys that start with {@code prefix}, sorted.
     *
     * @param prefix the start of the names to return; the empty string for all
     * @return an unmodifiable snapshot of the names, in {@link String} order
     * @throws NullPointerException if {@code prefix} is null
     */
    SortedSet<String> names(String prefix);

    /**
     * Returns whether the key exists.
     *
     * @param name the key's name
     * @return whether a key of that name exists now
     * @throws InvalidNameException if {@code name} is not a valid key name
     */
    boolean contains(String name);

    /**
     * Returns a description of the key.
     *
     * @param name the key's name
     * @return a snapshot of the key's type, length, creation, last writer, journal setting and lock
     * @throws NoSuchKeyException if there is no such key
     * @throws InvalidNameException if {@code name} is not a valid key name
     */
    KeyInfo info(String name);

    /**
     * Removes the key, waiting for its lock; handles to it in any process then throw
     * {@link KeyRemovedException}.
     *
     * @param name the key's name
     * @return whether the key existed
     * @throws InvalidNameException if {@code name} is not a valid key name
     * @throws UnsupportedOperationException if the store is read-only
     */
    boolean remove(String name);

    /** Forces every value to disk, so that it survives a machine crash as well as a process crash. */
    void sync();

    /**
     * Returns a view of this store whose new keys are created with the given journal setting, for example
     * {@code state.withJournal(JournalMode.OFF).longValue("hot", 0)}. Existing keys keep their setting.
     * The view shares this store's files and handles. Closing the view closes only the view (its later calls
     * throw {@link StoreClosedException}); closing this store closes its views too.
     *
     * @param mode the journal setting of the keys the view creates
     * @return a view of this store
     * @throws NullPointerException if {@code mode} is null
     */
    SharedState withJournal(JournalMode mode);

    /**
     * Returns the settings the store has: those it was created with, whatever the builder that opened it said.
     *
     * @return the store's settings
     */
    StoreSettings settings();

    /**
     * Returns the store's figures as they are now: keys and room, processes, locks, journal.
     *
     * @return a snapshot of the store's figures
     */
    StoreStatistics statistics();

    /**
     * Returns the store's change journal, to read past events or replay values as of a past instant.
     *
     * @return the store's journal, valid until the store is closed
     */
    Journal journal();

    /**
     * Calls {@code listener} with every change journaled from now on by any process, in journal order (each key's
     * changes in the order they happened), on a thread of its own, until the returned subscription is closed.
     * Closing it first delivers what was journaled before the close.
     *
     * @param listener called once per event, on the subscription's thread; an exception it throws is logged and
     *         delivery goes on
     * @return the subscription, to be closed
     * @throws NullPointerException if {@code listener} is null
     */
    Subscription watch(java.util.function.Consumer<ChangeEvent> listener);

    /**
     * As {@link #watch(java.util.function.Consumer)}, for the changes of the key named {@code key} only.
     *
     * @param key the name of the key to watch; it need not exist yet
     * @param listener called once per event of that key, and once per {@link ChangeEvent.Operation#GAP} event
     * @return the subscription, to be closed
     * @throws InvalidNameException if {@code key} is not a valid key name
     * @throws NullPointerException if {@code listener} is null
     */
    Subscription watch(String key, java.util.function.Consumer<ChangeEvent> listener);

    /**
     * As {@link #watch(java.util.function.Consumer)}, for the keys whose names start with {@code prefix}.
     *
     * @param prefix the start of the names of the keys to watch; the empty string for all
     * @param listener called once per event of those keys, and once per {@link ChangeEvent.Operation#GAP} event
     * @return the subscription, to be closed
     * @throws NullPointerException if {@code prefix} or {@code listener} is null
     */
    Subscription watchPrefix(String prefix, java.util.function.Consumer<ChangeEvent> listener);

    /**
     * Returns whether the store was opened read-only.
     *
     * @return true if the store was opened with {@link SharedStateBuilder#readOnly()}
     */
    boolean isReadOnly();

    /**
     * Returns whether {@link #close()} was called.
     *
     * @return true once this store, or for a view the view or its store, is closed
     */
    boolean isClosed();

    /** Closes the store; its handles then throw {@link StoreClosedException}. */
    @Override
    void close();
}
