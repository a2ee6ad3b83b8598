package io.sharedstate.demo;

import io.sharedstate.SharedDoubleArray;
import io.sharedstate.SharedLong;
import io.sharedstate.SharedLongArray;
import io.sharedstate.SharedState;

/**
 * A writing child process of the {@code watch} scenario: {@code WatchWriter DIR WRITER ROUNDS PAUSE_MILLIS}. Each
 * round it adds one to {@code watch.counter} and sets its own element of {@code watch.temps}, printing each change
 * and counting it in its slot of {@code demo.watch.written}, then pauses.
 */
public final class WatchWriter {
    private WatchWriter() {
    }

    /** Runs the writer; see the class description. */
    public static void main(String[] args) {
        WorkerMain.run(args, WatchWriter::run);
    }

    private static void run(SharedState state, String[] args) throws InterruptedException {
        int writer = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        long pauseMillis = Long.parseLong(args[2]);
        SharedLong counter = state.longValue(WatchScenario.COUNTER);
        SharedDoubleArray temps = state.doubleArray(WatchScenario.TEMPS, WatchScenario.TEMPS_LENGTH);
        SharedLongArray written = state.longArray(WatchScenario.WRITTEN, WatchScenario.WRITERS);
        for (int round = 1; round <= rounds; round++) {
            long value = counter.incrementAndGet();
            written.incrementAndGet(writer);
            System.out.println("wrote " + WatchScenario.COUNTER + " += 1 -> " + value);
            double temperature = 20.0 + writer + round / 10.0;
            temps.set(writer, temperature);
            written.incrementAndGet(writer);
            System.out.println("wrote " + WatchScenario.TEMPS + "[" + writer + "] = " + temperature);
            Thread.sleep(pauseMillis);
        }
    }
}
