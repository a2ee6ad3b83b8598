package io.sharedstate.lock;

/**
 * The 64-bit value a held lock word contains: which registered process, and which of its threads, owns it.
 *
 * <pre>
 *  63           48 47           32 31                            0
 * +---------------+---------------+-------------------------------+
 * |   slot + 1    |  generation   |      thread id (low 32)       |
 * +---------------+---------------+-------------------------------+
 * </pre>
 *
 * The slot is the owner's entry in the {@link ProcessRegistry}; the generation changes each time the slot is
 * claimed, so a token of a process that has gone never matches the slot's next occupant. A token is never 0
 * (a free lock) nor {@link #REMOVED}.
 */
public final class OwnerToken {
    /** The lock word of a free lock. */
    public static final long FREE = 0L;
    /** The lock word of a removed key: never free again. */
    public static final long REMOVED = -1L;

    static final int MAX_SLOTS = 0xFFFE;
    private static final long THREAD_MASK = 0xFFFF_FFFFL;

    private OwnerToken() {
    }

    /** Returns the process part of the tokens of a registration. */
    static long processBits(int slot, int generation) {
        return ((long) (slot + 1) << 48) | ((long) (generation & 0xFFFF) << 32);
    }

    /** Returns the token of {@code thread} in the process whose bits are {@code processBits}. */
    public static long of(long processBits, Thread thread) {
        return processBits | (thread.getId() & THREAD_MASK);
    }

    /** Returns the registry slot of the token's process. */
    static int slot(long token) {
        return (int) (token >>> 48) - 1;
    }

    /** Returns the registration generation of the token's process. */
    static int generation(long token) {
        return (int) (token >>> 32) & 0xFFFF;
    }

    /** Returns whether the word is a token, not a free or removed lock. */
    public static boolean isOwned(long lockWord) {
        return lockWord != FREE && lockWord != REMOVED;
    }
}
