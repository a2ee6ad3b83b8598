package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sharedstate.SharedState;
import io.sharedstate.StoreStatistics;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code stat --interval}: one line of figures per interval, with the rates since the previous line, like
 * {@code vmstat} or AeronStat; each line is flushed at once, so a pipe sees it when it is taken. Stops after
 * {@code count} lines, on SIGINT/SIGTERM (exit 0, as {@code watch}), or when the reader of the output goes away.
 */
final class StatMonitor {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String FORMAT = "%-8s %9s %9s %10s %5s %5s %6s %6s %10s %9s %9s %7s %8s";

    private final SharedState state;
    private final Out out;
    private final Duration interval;
    private final long count;
    private final boolean json;
    private final ObjectMapper mapper = new ObjectMapper();

    StatMonitor(SharedState state, Out out, Duration interval, long count, boolean json) {
        this.state = state;
        this.out = out;
        this.interval = interval;
        this.count = count;
        this.json = json;
    }

    /** Prints lines until the count is reached or a signal arrives. */
    void run() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Signals.forcedExitStatus(ExitCode.OK);
        Signals.onSignal(stop::countDown);
        if (!json) {
            out.println(String.format(Locale.ROOT, FORMAT, "TIME", "KEYS", "HEADROOM", "DATA FREE", "LIVE",
                    "DEAD", "LOCKS", "DEAD-L", "JOURNAL", "LAG", "EVENTS/S", "LOST/S", "RECOV/S"));
        }
        StoreStatistics previous = null;
        long start = System.nanoTime();
        for (long line = 1; !Signals.requested(); line++) {
            StoreStatistics current = Signals.critical(state::statistics);
            print(current, previous);
            previous = current;
            if (count > 0 && line >= count) {
                return;
            }
            long next = start + line * interval.toNanos();
            if (stop.await(next - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }

    private void print(StoreStatistics current, StoreStatistics previous) {
        Rates rates = previous == null ? null : Rates.between(previous, current);
        if (json) {
            printJson(current, rates);
        } else {
            out.println(String.format(Locale.ROOT, FORMAT,
                    LocalTime.ofInstant(current.takenAt(), ZoneId.systemDefault()).format(TIME), current.keys(),
                    current.keyHeadroom(), StatCommand.bytes(current.dataBytesFree()), current.liveProcesses(),
                    current.deadProcesses(), current.locks().size(), current.locksHeldByDeadOwners(),
                    StatCommand.bytes(current.journal().bytesOnDisk()),
                    StatCommand.bytes(current.journal().pendingBytes()), rate(rates, Rates::events),
                    rate(rates, Rates::lost), rate(rates, Rates::recoveries)));
            for (String problem : current.problems()) {
                out.println("PROBLEM  " + problem);
            }
        }
        out.flush();
    }

    private void printJson(StoreStatistics current, Rates rates) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", current.takenAt().toString());
        line.put("keys", current.keys());
        line.put("headroom", current.keyHeadroom());
        line.put("dataBytesFree", current.dataBytesFree());
        line.put("largestValueBytes", current.largestValueBytes());
        line.put("liveProcesses", current.liveProcesses());
        line.put("deadProcesses", current.deadProcesses());
        line.put("locks", current.locks().size());
        line.put("locksHeldByDeadOwners", current.locksHeldByDeadOwners());
        line.put("longestLockHoldSeconds", current.longestLockHold().toNanos() / 1e9);
        line.put("stuckSegments", current.stuckSegments());
        line.put("lockRecoveries", current.lockRecoveries());
        line.put("journalBytes", current.journal().bytesOnDisk());
        line.put("journalPendingBytes", current.journal().pendingBytes());
        line.put("journalDrainedEvents", current.journal().drainedEvents());
        line.put("journalLostEvents", current.journal().lostEvents());
        if (rates != null) {
            Map<String, Object> perSecond = new LinkedHashMap<>();
            perSecond.put("events", rates.events());
            perSecond.put("lostEvents", rates.lost());
            perSecond.put("lockRecoveries", rates.recoveries());
            line.put("perSecond", perSecond);
        }
        line.put("problems", current.problems());
        try {
            out.println(mapper.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the figures as JSON", e);
        }
    }

    private static String rate(Rates rates, java.util.function.ToDoubleFunction<Rates> figure) {
        return rates == null ? "-" : String.format(Locale.ROOT, "%.1f", figure.applyAsDouble(rates));
    }

    /**
     * Changes per second between two readings.
     *
     * @param events journal events drained into the journal files
     * @param lost journal events lost
     * @param recoveries locks taken over from dead owners
     */
    record Rates(double events, double lost, double recoveries) {
        static Rates between(StoreStatistics before, StoreStatistics after) {
            double seconds = Math.max(1e-3, Duration.between(before.takenAt(), after.takenAt()).toNanos() / 1e9);
            return new Rates(
                    (after.journal().drainedEvents() - before.journal().drainedEvents()) / seconds,
                    (after.journal().lostEvents() - before.journal().lostEvents()) / seconds,
                    (after.lockRecoveries() - before.lockRecoveries()) / seconds);
        }
    }
}
