package io.sharedstate.lock;

/**
 * The 64-bit value a held lock word contains: which registered process, and which of its threads, owns it.
 *
 * <pre>
 *  63        52 51                      24 23                    0
 * +------------+--------------------------+----------------------+
 * |  slot + 1  |  generation (28 bits)    | thread (low 24 bits) |
 * +------------+--------------------------+----------------------+
 * </pre>
 *
 * The slot is the owner's entry in the {@link ProcessRegistry}; the generation changes each time the slot is
 * claimed, so a token of a process that has gone never matches the slot's next occupant for 2<sup>28</sup>
 * claims, and a dead owner's locks are repaired long before that. The thread bits are only a hint: two threads of
 * one process may share them, so whether the current thread really holds a lock is decided by the process's own
 * record of its explicit holds, never by the token alone. A token is never 0 (a free lock) nor
 * {@link #REMOVED}: the slot field is between 1 and {@link #MAX_SLOTS}.
 */
public final class OwnerToken {
    /** The lock word of a free lock. */
    public static final long FREE = 0L;
    /** The lock word of a removed key: never free again. */
    public static final long REMOVED = -1L;
    /** The most slots a registry can have. */
    public static final int MAX_SLOTS = 4094;

    static final int GENERATION_BITS = 28;
    static final int GENERATION_MASK = (1 << GENERATION_BITS) - 1;
    private static final int THREAD_BITS = 24;
    private static final long THREAD_MASK = (1L << THREAD_BITS) - 1;
    private static final int SLOT_SHIFT = 52;

    private OwnerToken() {
    }

    /** Returns the process part of the tokens of a registration. */
    static long processBits(int slot, int generation) {
        return ((long) (slot + 1) << SLOT_SHIFT) | ((long) (generation & GENERATION_MASK) << THREAD_BITS);
    }

    /** Returns the token of {@code thread} in the process whose bits are {@code processBits}. */
    public static long of(long processBits, Thread thread) {
        return processBits | (thread.getId() & THREAD_MASK);
    }

    /** Returns the registry slot of the token's process. */
    public static int slot(long token) {
        return (int) (token >>> SLOT_SHIFT) - 1;
    }

    /** Returns the registration generation of the token's process. */
    static int generation(long token) {
        return (int) (token >>> THREAD_BITS) & GENERATION_MASK;
    }

    /** Returns whether {@code token} belongs to the registration whose process bits are {@code processBits}. */
    public static boolean sameProcess(long token, long processBits) {
        return processPart(token) == processBits;
    }

    /** Returns the process part of a token: its slot and generation. */
    public static long processPart(long token) {
        return token & ~THREAD_MASK;
    }

    /** Returns whether the word is a token, not a free or removed lock. */
    public static boolean isOwned(long lockWord) {
        return lockWord != FREE && lockWord != REMOVED;
    }
}
