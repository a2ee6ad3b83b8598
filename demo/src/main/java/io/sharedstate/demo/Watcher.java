package io.sharedstate.demo;

import io.sharedstate.ChangeEvent;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;
import io.sharedstate.Subscription;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The watching child process of the {@code watch} scenario: {@code Watcher DIR}. It watches the journal for
 * changes to the keys {@code watch.*} made by any process, prints each one as it arrives, and tallies them in
 * {@code demo.watch.seen} (count, sum of sequences, sum of the counter's deltas) for the launcher to check,
 * until {@code demo.watch.stop} is set.
 */
public final class Watcher {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private Watcher() {
    }

    /** Runs the watcher; see the class description. */
    public static void main(String[] args) {
        WorkerMain.run(args, Watcher::run);
    }

    private static void run(SharedState state, String[] args) {
        SharedLongArray seen = state.longArray(WatchScenario.SEEN, WatchScenario.SEEN_LENGTH);
        SharedLong stop = state.longValue(WatchScenario.STOP);
        try (Subscription subscription = state.watchPrefix(WatchScenario.PREFIX, event -> onEvent(event, seen))) {
            System.out.println("watching " + WatchScenario.PREFIX + "* in the journal: every change, from any process");
            StartGate.of(state, WatchScenario.READY_GATE).arrive();
            while (stop.get() == 0) {
                LockSupport.parkNanos(POLL_NANOS);
            }
            System.out.println("saw " + subscription.delivered() + " changes");
        }
    }

    private static void onEvent(ChangeEvent event, SharedLongArray seen) {
        System.out.println("saw " + describe(event));
        seen.addAndGet(WatchScenario.SEEN_SEQUENCES, event.sequence());
        if (event.operation() == ChangeEvent.Operation.ADD) {
            seen.addAndGet(WatchScenario.SEEN_DELTAS, event.delta().longValue());
        }
        seen.incrementAndGet(WatchScenario.SEEN_COUNT);
    }

    /** Returns a change as a line such as {@code watch.counter += 1 -> 7   (pid 4242)}. */
    static String describe(ChangeEvent event) {
        String change;
        switch (event.operation()) {
            case ADD:
                change = event.key() + " += " + event.delta() + " -> " + event.value();
                break;
            case ARRAY_ADD:
                change = event.key() + "[" + event.index() + "] += " + event.delta() + " -> " + event.value();
                break;
            case ARRAY_SET:
                change = event.key() + "[" + event.index() + "] = " + event.value();
                break;
            case SET:
            case CAS:
                change = event.key() + " = " + event.value();
                break;
            default:
                change = event.operation() + " " + event.key() + " " + event.values();
        }
        return change + "   (pid " + event.pid() + ")";
    }
}
