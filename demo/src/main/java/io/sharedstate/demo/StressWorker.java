package io.sharedstate.demo;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;

/**
 * The child process of the {@code stress} scenario: {@code StressWorker DIR WORKER PROCS OPS KEYS}. It attaches to
 * the keys of the {@link StressPlan}, waits at the start gate, makes its OPS increments, reports its progress in
 * its slot of {@code stress.progress} every {@value #PROGRESS_EVERY} increments, and arrives at the done gate.
 */
public final class StressWorker {
    private static final int PROGRESS_EVERY = 1 << 12;

    private StressWorker() {
    }

    /** Runs the worker; see the class description. */
    public static void main(String[] args) {
        WorkerMain.run(args, StressWorker::run);
    }

    private static void run(SharedState state, String[] args) {
        int worker = Integer.parseInt(args[0]);
        StressPlan plan = new StressPlan(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
        SharedLong[] counters = new SharedLong[plan.counters()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = state.longValue(StressPlan.counter(i));
        }
        SharedLongArray slots = plan.slots() > 0 ? state.longArray(StressPlan.SLOTS, plan.slots()) : null;
        SharedLongArray progress = state.longArray(StressScenario.PROGRESS, plan.procs());

        StartGate.of(state, StressScenario.START_GATE).arriveAndAwait();
        incrementAll(plan, worker, counters, slots, progress);
        progress.set(worker, plan.ops());
        StartGate.of(state, StressScenario.DONE_GATE).arrive();
    }

    private static void incrementAll(StressPlan plan, int worker, SharedLong[] counters, SharedLongArray slots,
                                     SharedLongArray progress) {
        int targets = plan.targets();
        int target = plan.firstTarget(worker);
        for (long op = 1; op <= plan.ops(); op++) {
            if ((target & 1) == 0) {
                counters[target >> 1].incrementAndGet();
            } else {
                slots.incrementAndGet(target >> 1);
            }
            if (++target == targets) {
                target = 0;
            }
            if (op % PROGRESS_EVERY == 0) {
                progress.set(worker, op);
            }
        }
    }
}
