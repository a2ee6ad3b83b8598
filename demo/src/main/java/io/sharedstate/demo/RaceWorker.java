package io.sharedstate.demo;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;

/**
 * The child process of the {@code race} scenario: {@code RaceWorker DIR OPS}. At the launcher's signal it adds
 * one to {@code race.lossy} OPS times the wrong way, {@code set(get() + 1)}; then, at the next signal, to
 * {@code race.atomic} with {@code incrementAndGet()}.
 */
public final class RaceWorker {
    private RaceWorker() {
    }

    /** Runs both phases; see the class description. */
    public static void main(String[] args) {
        WorkerMain.run(args, RaceWorker::run);
    }

    private static void run(SharedState state, String[] args) {
        long ops = Long.parseLong(args[0]);
        SharedLong lossy = state.longValue(RaceScenario.LOSSY);
        SharedLong atomic = state.longValue(RaceScenario.ATOMIC);

        StartGate.of(state, RaceScenario.LOSSY_GATE).arriveAndAwait();
        for (long i = 0; i < ops; i++) {
            lossy.set(lossy.get() + 1);   // a read, then a write: another process may write in between
        }

        StartGate.of(state, RaceScenario.ATOMIC_GATE).arriveAndAwait();
        for (long i = 0; i < ops; i++) {
            atomic.incrementAndGet();
        }
        StartGate.of(state, RaceScenario.DONE_GATE).arrive();
    }
}
