package io.sharedstate.lock;

/**
 * One occupied slot of the {@link ProcessRegistry}, as read at one moment.
 *
 * @param slot the slot index
 * @param pid the process id
 * @param alive whether the process is alive (and is the one that registered)
 * @param registration the store-wide registration number
 * @param openedAtMillis when the process opened the store, epoch millis
 * @param chronicleDepth threads of the process inside a Chronicle call; above 0 for a dead process, a
 *        Chronicle segment lock may be left held
 * @param journalCycle the oldest journal cycle the process's readers need, or -1
 * @param lockRecoveries dead owners' locks the process took over
 */
public record ProcessRecord(int slot, int pid, boolean alive, long registration, long openedAtMillis,
                            long chronicleDepth, long journalCycle, long lockRecoveries) {
}
