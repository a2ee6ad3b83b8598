package io.sharedstate.lock;

import io.sharedstate.SharedStateException;
import io.sharedstate.internal.UnsafeAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of processes that have a store open, kept in the store's header file so that every process sees it.
 * A lock's {@link OwnerToken} names a slot here. Whether a slot's process is alive is decided by the OS lock it
 * holds on its slot ({@link ProcessLocks}), which the kernel releases when it dies: never by its pid, which another
 * PID namespace does not see, a zombie keeps and a new process may reuse.
 *
 * <p>Each slot is {@value #SLOT_BYTES} bytes:
 * <pre>
 *   0  long  state            status (bits 60-63) | generation (bits 32-59) | pid (bits 0-31)
 *   8  long  registration     a store-wide increasing number, taken when the slot was claimed
 *  16  long  openedAtMillis   epoch millis of the claim
 *  24  int   role             1 writer, 2 reader
 *  28  int   ringBytes        the size of the process's journal staging ring, 0 for none
 *  32  long  journalIndex     oldest journal index the process's watchers still need, or -1
 *  40  long  lockRecoveries   dead owners' locks this process took over
 *  48  long  removalsSeen     the store's removal count up to which this process has retired its handles
 *  56  long  reserved
 *  64  byte[64] command       the process's main class, NUL-padded ASCII
 * </pre>
 * A process takes its slot's OS lock first, then publishes LIVE with a new generation by compare-and-set; so a
 * LIVE slot whose lock is free belongs to a process that died. Such a slot is REAPING while a survivor, holding
 * the slot's OS lock in its place, repairs what it left (locks, its journal staging ring), then FREE. A reaper that
 * dies too releases that lock, and another survivor takes over.
 */
public final class ProcessRegistry {
    /** Bytes per slot. */
    public static final int SLOT_BYTES = 128;
    /** The role of a process that may change values. */
    public static final int ROLE_WRITER = 1;
    /** The role of a process that opened the store read-only. */
    public static final int ROLE_READER = 2;

    private static final long STATE = 0;
    private static final long REGISTRATION = 8;
    private static final long OPENED_AT = 16;
    private static final long ROLE = 24;
    private static final long RING_BYTES = 28;
    private static final long JOURNAL_INDEX = 32;
    private static final long LOCK_RECOVERIES = 40;
    private static final long REMOVALS_SEEN = 48;
    private static final long COMMAND = 64;
    private static final int COMMAND_BYTES = 64;

    private static final int FREE = 0;
    private static final int LIVE = 2;
    private static final int REAPING = 3;
    private static final int REGISTER_ATTEMPTS = 200;

    private final long slotsAddress;
    private final int slotCount;
    private final long registrationCounterAddress;
    private final ProcessLocks locks;
    private volatile Registration self;

    /**
     * Creates a view of the registry.
     *
     * @param slotsAddress the address of slot 0 in the mapped header
     * @param slotCount the number of slots
     * @param registrationCounterAddress the address of the store-wide registration counter
     * @param locks this process's OS locks on the header file
     */
    public ProcessRegistry(long slotsAddress, int slotCount, long registrationCounterAddress, ProcessLocks locks) {
        if (slotCount < 1 || slotCount > OwnerToken.MAX_SLOTS) {
            throw new IllegalArgumentException("slotCount out of range: " + slotCount);
        }
        this.slotsAddress = slotsAddress;
        this.slotCount = slotCount;
        this.registrationCounterAddress = registrationCounterAddress;
        this.locks = locks;
    }

    /**
     * Claims a free slot for the current process.
     *
     * @param role {@link #ROLE_WRITER} or {@link #ROLE_READER}
     * @param ringBytes the size of the journal staging ring the process will write, 0 for none
     * @param command the process's main class, for tools
     * @throws SharedStateException if every slot belongs to a live process or to a dead one not yet repaired
     */
    public Registration register(int role, int ringBytes, String command) {
        int pid = Math.toIntExact(ProcessHandle.current().pid());
        for (int attempt = 0; attempt < REGISTER_ATTEMPTS; attempt++) {
            for (int slot = 0; slot < slotCount; slot++) {
                long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
                if (status(state) == FREE && claim(slot, state, pid)) {
                    return publish(slot, generation(state) + 1, pid, role, ringBytes, command);
                }
            }
            Thread.onSpinWait();
        }
        throw new SharedStateException("all " + slotCount + " process slots of the store are taken by live "
                + "processes (or by dead ones still being repaired); close some of them, or create the store anew "
                + "with more slots");
    }

    /** Frees the registration's slot; its tokens then count as dead. */
    public void unregister(Registration registration) {
        long address = stateAddress(registration.slot());
        long state = UnsafeAccess.getLongVolatile(address);
        if (status(state) == LIVE && generation(state) == registration.generation()) {
            UnsafeAccess.putLongVolatile(slotAddress(registration.slot()) + JOURNAL_INDEX, -1);
            UnsafeAccess.compareAndSetLong(address, state, stateWord(FREE, generation(state), 0));
        }
        locks.releaseSlot(registration.slot());
        if (self == registration) {
            self = null;
        }
    }

    /** Returns this process's registration, or null if it has none. */
    public Registration self() {
        return self;
    }

    /**
     * Returns whether the process that owns {@code token} is alive and still registered. Decided by its OS lock;
     * when that cannot be tested the answer is alive.
     */
    public boolean isAlive(long token) {
        int slot = OwnerToken.slot(token);
        if (slot < 0 || slot >= slotCount) {
            return false;
        }
        long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
        if (status(state) != LIVE || generation(state) != OwnerToken.generation(token)) {
            return false;
        }
        return isSlotAlive(slot, state);
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

    /** Counts a dead owner's lock taken over by this registration. */
    public void countLockRecovery(Registration registration) {
        UnsafeAccess.getAndAddLong(slotAddress(registration.slot()) + LOCK_RECOVERIES, 1);
    }

    /**
     * Records that this registration has retired every handle it had to keys removed up to removal number
     * {@code removals}: their bytes may be reclaimed as far as this process is concerned.
     */
    public void setRemovalsSeen(Registration registration, long removals) {
        UnsafeAccess.putLongVolatile(slotAddress(registration.slot()) + REMOVALS_SEEN, removals);
    }

    /** Sets the oldest journal index this registration's watchers need, or -1 for none. */
    public void setJournalIndex(Registration registration, long index) {
        UnsafeAccess.putLongVolatile(slotAddress(registration.slot()) + JOURNAL_INDEX, index);
    }

    /** Returns the oldest journal index any live process's watchers still need, or {@link Long#MAX_VALUE}. */
    public long oldestNeededJournalIndex() {
        long oldest = Long.MAX_VALUE;
        for (ProcessRecord record : processes()) {
            if (record.alive() && record.journalIndex() >= 0) {
                oldest = Math.min(oldest, record.journalIndex());
            }
        }
        return oldest;
    }

    /** Returns every occupied slot, with whether its process is alive. */
    public List<ProcessRecord> processes() {
        List<ProcessRecord> records = new ArrayList<>();
        for (int slot = 0; slot < slotCount; slot++) {
            long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
            if (status(state) != FREE) {
                records.add(record(slot, state, status(state) == LIVE && isSlotAlive(slot, state)));
            }
        }
        return records;
    }

    /**
     * Starts repairing what the dead process in {@code slot} left, for this process, which then holds the slot's
     * OS lock until {@link #finishReap}: a LIVE slot whose lock is free becomes REAPING; a REAPING slot whose lock
     * is free (its reaper died too) is taken over.
     *
     * @return the dead process's record if this process is now its reaper, else null
     */
    public ProcessRecord beginReap(int slot) {
        long address = stateAddress(slot);
        long state = UnsafeAccess.getLongVolatile(address);
        Registration me = self;
        if ((status(state) != LIVE && status(state) != REAPING) || (me != null && me.slot() == slot)) {
            return null;
        }
        try {
            if (!locks.holdSlot(slot)) {
                return null;
            }
        } catch (IOException e) {
            return null;
        }
        long reaping = stateWord(REAPING, generation(state), pid(state));
        if (state != reaping && !UnsafeAccess.compareAndSetLong(address, state, reaping)) {
            locks.releaseSlot(slot);
            return null;
        }
        return record(slot, reaping, false);
    }

    /** Frees a slot this process finished reaping, and releases its OS lock. */
    public void finishReap(ProcessRecord dead) {
        long address = stateAddress(dead.slot());
        long state = UnsafeAccess.getLongVolatile(address);
        if (status(state) == REAPING && generation(state) == dead.generation()) {
            UnsafeAccess.putLongVolatile(slotAddress(dead.slot()) + JOURNAL_INDEX, -1);
            UnsafeAccess.compareAndSetLong(address, state, stateWord(FREE, generation(state), 0));
        }
        locks.releaseSlot(dead.slot());
    }

    /** Gives up reaping a slot, leaving it REAPING for another process to take over. */
    public void abandonReap(ProcessRecord dead) {
        locks.releaseSlot(dead.slot());
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

    /** Returns the number of slots. */
    public int slotCount() {
        return slotCount;
    }

    /** Returns the locks this registry decides liveness with. */
    public ProcessLocks locks() {
        return locks;
    }

    /** Empties every slot, for recover: the caller holds the store exclusively, so no process is alive. */
    public int clearAll() {
        int cleared = 0;
        for (int slot = 0; slot < slotCount; slot++) {
            long state = UnsafeAccess.getLongVolatile(stateAddress(slot));
            if (status(state) != FREE) {
                UnsafeAccess.putLongVolatile(stateAddress(slot), stateWord(FREE, generation(state), 0));
                cleared++;
            }
        }
        return cleared;
    }

    private boolean isSlotAlive(int slot, long state) {
        Registration me = self;
        if (me != null && me.slot() == slot && me.generation() == generation(state)) {
            return true;
        }
        return locks.isSlotHeld(slot);
    }

    private boolean claim(int slot, long state, int pid) {
        try {
            if (!locks.holdSlot(slot)) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock process slot " + slot + " of the store: " + e.getMessage(), e);
        }
        if (UnsafeAccess.compareAndSetLong(stateAddress(slot), state,
                stateWord(LIVE, generation(state) + 1, pid))) {
            return true;
        }
        locks.releaseSlot(slot);
        return false;
    }

    private Registration publish(int slot, int generation, int pid, int role, int ringBytes, String command) {
        long base = slotAddress(slot);
        long registration = UnsafeAccess.getAndAddLong(registrationCounterAddress, 1) + 1;
        UnsafeAccess.putLong(base + REGISTRATION, registration);
        UnsafeAccess.putLong(base + OPENED_AT, System.currentTimeMillis());
        UnsafeAccess.putInt(base + ROLE, role);
        UnsafeAccess.putInt(base + RING_BYTES, ringBytes);
        UnsafeAccess.putLong(base + JOURNAL_INDEX, -1);
        UnsafeAccess.putLong(base + LOCK_RECOVERIES, 0);
        UnsafeAccess.putLong(base + REMOVALS_SEEN, 0);
        byte[] name = command.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < COMMAND_BYTES; i++) {
            UnsafeAccess.putByte(base + COMMAND + i, i < name.length ? name[i] : 0);
        }
        UnsafeAccess.storeFence();
        Registration claimed = new Registration(slot, generation & OwnerToken.GENERATION_MASK, pid, registration,
                OwnerToken.processBits(slot, generation), role);
        self = claimed;
        return claimed;
    }

    private ProcessRecord record(int slot, long state, boolean alive) {
        long base = slotAddress(slot);
        byte[] command = new byte[COMMAND_BYTES];
        int length = 0;
        while (length < COMMAND_BYTES && (command[length] = UnsafeAccess.getByte(base + COMMAND + length)) != 0) {
            length++;
        }
        return new ProcessRecord(slot, generation(state), pid(state), alive, status(state) == REAPING,
                UnsafeAccess.getLongVolatile(base + REGISTRATION),
                UnsafeAccess.getLongVolatile(base + OPENED_AT),
                UnsafeAccess.getInt(base + ROLE),
                UnsafeAccess.getInt(base + RING_BYTES),
                UnsafeAccess.getLongVolatile(base + JOURNAL_INDEX),
                UnsafeAccess.getLongVolatile(base + LOCK_RECOVERIES),
                UnsafeAccess.getLongVolatile(base + REMOVALS_SEEN),
                new String(command, 0, length, StandardCharsets.US_ASCII));
    }

    private long slotAddress(int slot) {
        return slotsAddress + (long) slot * SLOT_BYTES;
    }

    private long stateAddress(int slot) {
        return slotAddress(slot) + STATE;
    }

    private static long stateWord(int status, int generation, int pid) {
        return ((long) status << 60) | ((long) (generation & OwnerToken.GENERATION_MASK) << 32)
                | (pid & 0xFFFF_FFFFL);
    }

    private static int status(long state) {
        return (int) (state >>> 60);
    }

    private static int generation(long state) {
        return (int) (state >>> 32) & OwnerToken.GENERATION_MASK;
    }

    private static int pid(long state) {
        return (int) state;
    }
}
