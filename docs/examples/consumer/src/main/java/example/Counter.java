package example;

import java.nio.file.Path;

import io.sharedstate.SharedLong;
import io.sharedstate.SharedState;

/** Increments the counter "runs" of the store in args[0] and prints its new value. */
public final class Counter {
    private Counter() {
    }

    public static void main(String[] args) {
        try (SharedState state = SharedState.open(Path.of(args[0]))) {
            SharedLong runs = state.longValue("runs", 0);
            System.out.println("runs " + runs.incrementAndGet());
        }
    }
}
