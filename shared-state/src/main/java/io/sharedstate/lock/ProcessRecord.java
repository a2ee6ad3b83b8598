package io.sharedstate.lock;

/**
 * One occupied slot of the {@link ProcessRegistry}, as read at one moment.
 *
 * @param slot the slot index
 * @param generation the slot's generation for this occupant
 * @param pid the process id, as its own PID namespace sees it
 * @param alive whether the process is alive (it holds its slot's OS lock)
 * @param reaping whether a survivor is repairing what this dead process left
 * @param registration the store-wide registration number
 * @param openedAtMillis when the process opened the store, epoch millis
 * @param role {@link ProcessRegistry#ROLE_WRITER} or {@link ProcessRegistry#ROLE_READER}
 * @param ringBytes the size of its journal staging ring, 0 for none
 * @param journalIndex the oldest journal index the process's watchers need, or -1
 * @param lockRecoveries dead owners' locks the process took over
 * @param removalsSeen the removal count up to which the process has retired its handles
 * @param command its main class, or empty
 */
public record ProcessRecord(int slot, int generation, int pid, boolean alive, boolean reaping, long registration,
                            long openedAtMillis, int role, int ringBytes, long journalIndex, long lockRecoveries,
                            long removalsSeen, String command) {
    /** Returns the process part of the tokens this occupant made. */
    public long processBits() {
        return OwnerToken.processBits(slot, generation);
    }
}
