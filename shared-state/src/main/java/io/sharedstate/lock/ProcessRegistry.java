package io.sharedstate.lock;

import io.sharedstate.SharedStateException;
import io.sharedstate.internal.UnsafeAccess;

import java.util.ArrayList;
import java.util.List;

/**
 * The table of processes that have a store open, kept in the store's header file so that every process sees
 * it. A lock's {@link OwnerToken} names a slot here; the slot records the owner's pid and start time, which is
 * how a waiter tells that an owner died.
 *
 * <p>Each slot is 64 bytes:
 * <pre>
 *  0  long  state            status (bits 56-63) | generation (bits 32-47) | pid (bits 0-31)
 *  8  long  startTime        the owner's start time, see {@link ProcessLiveness#startTime(int)}
 * 16  long  registration     a store-wide increasing number, taken when the slot was claimed
 * 24  long  openedAtMillis   epoch millis of the claim
 * 32  long  chronicleDepth   threads of the owner inside a Chronicle Map call that takes a segment lock
 * 40  long  journalCycle     oldest journal cycle the owner's readers still need, or -1
 * 48  long  lockRecoveries   dead owners' locks this process took over
 * 56  long  reserved
 * </pre>
 * The state word is claimed by compare-and-set, first to CLAIMING with the pid, then to LIVE once the other
 * fields are written; a reader never judges a LIVE slot by fields not yet written.
 */
public final class ProcessRegistry {
    /** Bytes per slot. */
    public static final int SLOT_BYTES = 64;

    private static final long STATE = 0;
    private static final long START_TIME = 8;
    private static final long REGISTRATION = 16;
    private static final long OPENED_AT = 24;
    private static final long CHRONICLE_DEPTH = 32;
    private static final long JOURNAL_CYCLE = 40;
    private static final long LOCK_RECOVERIES = 48;

    private static final int FREE = 0;
    private static final int CLAIMING = 1;
    private static final int LIVE = 2;

    private final long slotsAddress;
    private final int slotCount;
    private final long registrationCounterAddress;

    /**
     * Creates a view of the registry.
     *
     * @param slotsAddress the address of slot 0 in the mapped header
     * @param slotCount the number of slots
     * @param registrationCounterAddress the address of the store-wide registration counter
     */
    public ProcessRegistry(long slotsAddress, int slotCount, long registrationCounterAddress) {
        if (slotCount < 1 || slotCount > OwnerToken.MAX_SLOTS) {
            throw new IllegalArgumentException("slotCount out of range: " + slotCount);
        }
        this.slotsAddress = slotsAddress;
        this.slotCount = slotCount;
        this.registrationCounterAddress = registrationCounterAddress;
    }

    /**
     * Claims a slot for the current process: a free one, or else one whose process is dead and was not inside a
     * Chronicle call (such a slot is kept as evidence of a possibly stuck segment lock).
     *
     * @throws SharedStateException if every slot belongs to a live process
     */
    public Registration register() {
        int pid = ProcessLiveness.currentPid();
        long startTime = ProcessLiveness.startTime(pid);
        for (int pass = 0; pass < 2; pass++) {
            for (int slot = 0; slot < slotCount; slot++) {
                long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
                boolean claimable = pass == 0 ? status(state) == FREE : isReclaimable(slot, state);
                if (claimable && claim(slot, state, pid)) {
                    return publish(slot, generation(state) + 1, pid, startTime);
                }
            }
        }
        throw new SharedStateException("all " + slotCount + " process slots of the store are taken by live "
                + "processes; close some of them, or create the store anew with more slots");
    }

    /** Marks the registration's slot free; its tokens then count as dead. */
    public void unregister(Registration registration) {
        long address = stateAddress(registration.slot());
        long state = UnsafeAccess.getLongVolatile(address);
        if (generation(state) == (registration.generation() & 0xFFFF) && status(state) == LIVE) {
            UnsafeAccess.compareAndSetLong(address, state, stateWord(FREE, generation(state), 0));
        }
    }

    /** Returns whether the process that owns {@code token} is alive and still registered. */
    public boolean isAlive(long token) {
        int slot = OwnerToken.slot(token);
        if (slot < 0 || slot >= slotCount) {
            return false;
        }
        long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
        if (status(state) != LIVE || generation(state) != OwnerToken.generation(token)) {
            return false;
        }
        return ProcessLiveness.isAlive(pid(state), UnsafeAccess.getLongVolatile(slotAddress(slot) + START_TIME));
    }

    /** Returns the pid of the process that owns {@code token}, or 0 if its registration has ended. */
    public int ownerPid(long token) {
        int slot = OwnerToken.slot(token);
        if (slot < 0 || slot >= slotCount) {
            return 0;
        }
        long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
        return status(state) != FREE && generation(state) == OwnerToken.generation(token) ? pid(state) : 0;
    }

    /** Records that a thread of this registration enters a Chronicle call that takes a segment lock. */
    public void enterChronicle(Registration registration) {
        UnsafeAccess.getAndAddLong(slotAddress(registration.slot()) + CHRONICLE_DEPTH, 1);
    }

    /** Records that a thread of this registration left a Chronicle call. */
    public void exitChronicle(Registration registration) {
        UnsafeAccess.getAndAddLong(slotAddress(registration.slot()) + CHRONICLE_DEPTH, -1);
    }

    /** Counts a dead owner's lock taken over by this registration. */
    public void countLockRecovery(Registration registration) {
        UnsafeAccess.getAndAddLong(slotAddress(registration.slot()) + LOCK_RECOVERIES, 1);
    }

    /** Sets the oldest journal cycle this registration's readers need, or -1 for none. */
    public void setJournalCycle(Registration registration, long cycle) {
        UnsafeAccess.putLongVolatile(slotAddress(registration.slot()) + JOURNAL_CYCLE, cycle);
    }

    /** Returns every occupied slot, with whether its process is alive. */
    public List<ProcessRecord> processes() {
        List<ProcessRecord> records = new ArrayList<>();
        for (int slot = 0; slot < slotCount; slot++) {
            long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
            if (status(state) == FREE) {
                continue;
            }
            boolean alive = status(state) == CLAIMING
                    ? ProcessLiveness.isAlive(pid(state))
                    : ProcessLiveness.isAlive(pid(state), UnsafeAccess.getLongVolatile(slotAddress(slot) + START_TIME));
            records.add(record(slot, state, alive));
        }
        return records;
    }

    /**
     * Returns the processes, other than {@code self}, that died while inside a Chronicle call. Cheap when there
     * are none: only slots with a non-zero depth are checked for liveness.
     */
    public List<ProcessRecord> deadInsideChronicle(Registration self) {
        List<ProcessRecord> dead = List.of();
        for (int slot = 0; slot < slotCount; slot++) {
            if (slot == self.slot() || UnsafeAccess.getLongVolatile(slotAddress(slot) + CHRONICLE_DEPTH) == 0) {
                continue;
            }
            long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
            if (status(state) == LIVE && !ProcessLiveness.isAlive(pid(state),
                    UnsafeAccess.getLongVolatile(slotAddress(slot) + START_TIME))) {
                if (dead.isEmpty()) {
                    dead = new ArrayList<>();
                }
                dead.add(record(slot, state, false));
            }
        }
        return dead;
    }

    /**
     * Frees the slot of a dead process that was inside a Chronicle call, once the caller has checked that no
     * segment lock is left held.
     */
    public void clearDead(ProcessRecord record) {
        long address = stateAddress(record.slot());
        long state = UnsafeAccess.getLongVolatile(address);
        if (status(state) != FREE && pid(state) == record.pid() && !record.alive()) {
            UnsafeAccess.putLongVolatile(slotAddress(record.slot()) + CHRONICLE_DEPTH, 0);
            UnsafeAccess.compareAndSetLong(address, state, stateWord(FREE, generation(state), 0));
        }
    }

    private ProcessRecord record(int slot, long state, boolean alive) {
        long base = slotAddress(slot);
        return new ProcessRecord(slot, pid(state), alive,
                UnsafeAccess.getLongVolatile(base + REGISTRATION),
                UnsafeAccess.getLongVolatile(base + OPENED_AT),
                UnsafeAccess.getLongVolatile(base + CHRONICLE_DEPTH),
                UnsafeAccess.getLongVolatile(base + JOURNAL_CYCLE),
                UnsafeAccess.getLongVolatile(base + LOCK_RECOVERIES));
    }

    /** Returns the lowest registration number of a live process, or {@link Long#MAX_VALUE} if none is alive. */
    public long oldestLiveRegistration() {
        return processes().stream().filter(ProcessRecord::alive).mapToLong(ProcessRecord::registration).min()
                .orElse(Long.MAX_VALUE);
    }

    /** Returns the current value of the store-wide registration counter. */
    public long registrationCounter() {
        return UnsafeAccess.getLongVolatile(registrationCounterAddress);
    }

    private boolean isReclaimable(int slot, long state) {
        switch (status(state)) {
            case LIVE:
                long base = slotAddress(slot);
                return UnsafeAccess.getLongVolatile(base + CHRONICLE_DEPTH) == 0
                        && !ProcessLiveness.isAlive(pid(state), UnsafeAccess.getLongVolatile(base + START_TIME));
            case CLAIMING:
                return !ProcessLiveness.isAlive(pid(state));
            default:
                return false;
        }
    }

    private boolean claim(int slot, long state, int pid) {
        return UnsafeAccess.compareAndSetLong(stateAddress(slot), state,
                stateWord(CLAIMING, generation(state) + 1, pid));
    }

    private Registration publish(int slot, int generation, int pid, long startTime) {
        long base = slotAddress(slot);
        long registration = UnsafeAccess.getAndAddLong(registrationCounterAddress, 1) + 1;
        UnsafeAccess.putLong(base + START_TIME, startTime);
        UnsafeAccess.putLong(base + REGISTRATION, registration);
        UnsafeAccess.putLong(base + OPENED_AT, System.currentTimeMillis());
        UnsafeAccess.putLong(base + CHRONICLE_DEPTH, 0);
        UnsafeAccess.putLong(base + JOURNAL_CYCLE, -1);
        UnsafeAccess.putLong(base + LOCK_RECOVERIES, 0);
        UnsafeAccess.putLongVolatile(stateAddress(slot), stateWord(LIVE, generation, pid));
        return new Registration(slot, generation & 0xFFFF, pid, registration,
                OwnerToken.processBits(slot, generation));
    }

    private long slotAddress(int slot) {
        return slotsAddress + (long) slot * SLOT_BYTES;
    }

    private long stateAddress(int slot) {
        return slotAddress(slot) + STATE;
    }

    private static long stateWord(int status, int generation, int pid) {
        return ((long) status << 56) | ((long) (generation & 0xFFFF) << 32) | (pid & 0xFFFF_FFFFL);
    }

    private static int status(long state) {
        return (int) (state >>> 56);
    }

    private static int generation(long state) {
        return (int) (state >>> 32) & 0xFFFF;
    }

    private static int pid(long state) {
        return (int) state;
    }
}
