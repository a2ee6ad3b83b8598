package io.sharedstate.lock;

/**
 * A process's claim on a {@link ProcessRegistry} slot, from which its lock tokens are made.
 *
 * @param slot the slot index
 * @param generation the slot's generation for this claim
 * @param pid the process id
 * @param number the store-wide registration number, increasing with every claim
 * @param processBits the process part of this registration's {@link OwnerToken}s
 * @param role {@link ProcessRegistry#ROLE_WRITER} or {@link ProcessRegistry#ROLE_READER}
 */
public record Registration(int slot, int generation, int pid, long number, long processBits, int role) {
    /** Returns this registration's token for {@code thread}. */
    public long token(Thread thread) {
        return OwnerToken.of(processBits, thread);
    }
}
