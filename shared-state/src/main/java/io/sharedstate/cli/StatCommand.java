package io.sharedstate.cli;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Journal;
import io.sharedstate.SharedState;
import io.sharedstate.internal.DiskUsage;
import io.sharedstate.StoreStatistics;
import io.sharedstate.lock.ProcessRegistry;
import io.sharedstate.lock.ProcessRecord;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreFiles;
import io.sharedstate.store.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code stat DIR [--json | --prometheus [--key NAME]...] [--interval SECONDS [--count N]]}: the store's vital
 * figures, its processes and its held locks; once, or refreshed with rates.
 */
@Command(name = "stat", sortOptions = false,
        description = {"Show what the store holds and what limits it: keys against its capacity, bytes used and "
                + "free in its segments, the largest value that still fits; its files; the journal's size, cap, "
                + "range and lag; the processes that have the store open (live, or dead and being repaired); the "
                + "locks held; the lock recoveries so far.",
                "Opens the store read-only; it is listed among the processes, as a reader.",
                "With --interval, prints one line of figures and rates per interval until Ctrl-C.",
                ClusterOptions.HELP + " A cluster shows its members, keys, locks and journal."})
final class StatCommand extends StoreCommand {
    static final int LABEL_WIDTH = 18;

    @Option(names = "--json", description = "One JSON document; with --interval, one JSON object per line.")
    boolean json;

    @Option(names = "--prometheus", description = "The Prometheus text exposition format, as for node_exporter's "
            + "textfile collector.")
    boolean prometheus;

    @Option(names = "--key", paramLabel = "NAME", description = "With --prometheus: also export this single value "
            + "as sharedstate_value{key=\"NAME\"} (NaN if it does not exist). Repeatable.")
    List<String> keys = new ArrayList<>();

    @Option(names = "--interval", paramLabel = "SECONDS", description = "Print a line of figures every SECONDS "
            + "(decimals allowed), with rates per second since the line before, until Ctrl-C.")
    Double intervalSeconds;

    @Option(names = "--count", paramLabel = "N", description = "With --interval: stop after N lines.")
    long count;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        cluster.checkFor(directory);
        if (ClusterOptions.namesCluster(directory)) {
            return statCluster();
        }
        if (intervalSeconds != null) {
            try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
                new StatMonitor(state, out, Duration.ofNanos((long) (intervalSeconds * 1e9)), count, json).run();
            }
            return ExitCode.OK;
        }
        if (prometheus) {
            return printPrometheus();
        }
        StoreStats stats;
        Optional<ChangeEvent> first;
        Optional<ChangeEvent> last;
        try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
            stats = state.stats();
            Journal journal = state.journal();
            first = stats.journalFirstSequence() < 0 ? Optional.empty() : firstOf(journal.events());
            last = stats.journalLastSequence() < 0 ? Optional.empty()
                    : firstOf(journal.eventsFrom(stats.journalLastSequence()));
        }
        if (json) {
            out.jsonDocument(toJson(stats, first, last));
        } else {
            printText(stats, first, last);
        }
        out.flush();
        return Signals.requested() ? Signals.interruptedStatus() : ExitCode.OK;
    }

    private int statCluster() {
        if (intervalSeconds != null) {
            throw new UserException("--interval is for local stores: for a cluster, run stat --prometheus from a "
                    + "timer, as for node_exporter (see docs/ops.md)");
        }
        ClusterStat stat = new ClusterStat(out, directory.toString());
        try (SharedState state = cluster.open(directory)) {
            if (prometheus) {
                stat.printPrometheus(state, keys);
            } else {
                stat.print(state, json);
            }
        }
        return Signals.requested() ? Signals.interruptedStatus() : ExitCode.OK;
    }

    private void checkOptions() {
        if (json && prometheus) {
            throw new UserException("--json and --prometheus are two formats: give one");
        }
        if (!keys.isEmpty() && !prometheus) {
            throw new UserException("--key is for --prometheus");
        }
        if (intervalSeconds != null && prometheus) {
            throw new UserException("--prometheus prints one exposition: for node_exporter, run stat --prometheus "
                    + "from a timer and rename its output into the textfile directory (see docs/ops.md)");
        }
        if (intervalSeconds != null && !(intervalSeconds >= 0.01 && intervalSeconds <= 86_400)) {
            throw new UserException("--interval must be between 0.01 and 86400 seconds, was " + intervalSeconds);
        }
        if (count < 0 || (count > 0 && intervalSeconds == null)) {
            throw new UserException(count < 0 ? "--count must not be negative, was " + count
                    : "--count is for --interval");
        }
    }

    private int printPrometheus() {
        String text;
        try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String key : keys) {
                values.put(key, PrometheusText.valueOrNaN(state, key));
            }
            text = PrometheusText.of(Signals.critical(state::statistics), values);
        }
        out.print(text);
        out.flush();
        return ExitCode.OK;
    }

    private static Optional<ChangeEvent> firstOf(Stream<ChangeEvent> events) {
        try (events) {
            return events.filter(event -> event.operation() != ChangeEvent.Operation.GAP).findFirst();
        }
    }

    private void printText(StoreStats stats, Optional<ChangeEvent> first, Optional<ChangeEvent> last) {
        Times.Stamp stamp = new Times.Stamp();
        long headroom = Math.max(0, stats.capacity() - stats.keys());
        field("store", stats.directory().toString());
        field("keys", stats.keys() + " (" + stats.tombstones() + " removed, not yet reclaimed)");
        field("capacity", stats.capacity() + " keys; room for " + headroom + " more ("
                + String.format(Locale.ROOT, "%.1f%%", 100.0 * headroom / stats.capacity()) + ")");
        long free = stats.segments().stream().mapToLong(StoreStatistics.Segment::bytesFree).sum();
        long size = stats.segments().stream().mapToLong(StoreStatistics.Segment::bytes).sum();
        field("data", bytes(size - free) + " of " + bytes(size) + " used in " + stats.segments().size()
                + " segments; " + stats.remainingAutoResizes() + " more tiers of " + bytes(stats.tierBytes())
                + " can be added (up to " + bytes(stats.maxDataBytes()) + ")");
        field("largest new value", bytes(stats.largestValueBytes()) + " (an array of about "
                + stats.largestValueBytes() / 8 + " 8-byte elements); max array length " + stats.maxArrayLength());
        Path map = stats.directory().resolve(StoreFiles.MAP);
        field("files", StoreFiles.MAP + " " + bytes(stats.mapFileBytes()) + " (" + bytes(stats.mapFileBytesOnDisk())
                + " on disk), " + StoreFiles.HEADER + " " + bytes(stats.headerFileBytes()));
        String range = first.isEmpty() || last.isEmpty() ? "no events"
                : "events #" + first.get().sequence() + " (" + stamp.format(first.get().time()) + ") to #"
                + last.get().sequence() + " (" + stamp.format(last.get().time()) + ")";
        field("journal", bytes(stats.journalBytes()) + " on disk of a " + bytes(stats.journalCapBytes()) + " cap; "
                + range);
        field("journal lag", bytes(stats.journalStagedBytes()) + " staged, not yet in the journal files; drainer "
                + (stats.drainerPid() == 0 ? "none" : "pid " + stats.drainerPid())
                + (stats.drainFailure() == null ? "" : "; FAILING: " + stats.drainFailure()));
        field("journal gaps", stats.journalLost() + " events lost; " + stats.journalCoalesced()
                + " changes journaled combined");
        field("lock recoveries", stats.lockRecoveries() + " (locks taken over from dead owners, store-wide); "
                + stats.indexRecoveries() + " key index repairs");
        long live = stats.processes().stream().filter(ProcessRecord::alive).count();
        long dead = stats.processes().size() - live;
        field("processes", stats.processes().size() + " registered: " + live + " live, " + dead + " dead"
                + (dead > 0 ? " (being repaired)" : ""));
        if (!stats.processes().isEmpty()) {
            Columns columns = new Columns(out, "  PID", "STATE", "ROLE", "OPENED", ">RECOVERIES", "COMMAND");
            for (ProcessRecord process : stats.processes()) {
                columns.row("  " + process.pid(), process.alive() ? "live" : process.reaping() ? "repairing" : "dead",
                        role(process, stats), stamp.format(Instant.ofEpochMilli(process.openedAtMillis())),
                        Long.toString(process.lockRecoveries()), process.command().isEmpty() ? "?" : process.command());
            }
            columns.finish();
        }
        field("locks held", Integer.toString(stats.locks().size()));
        if (!stats.locks().isEmpty()) {
            HeldLocks.print(out, HeldLocks.of(stats.locks()), stats.takenAt(), "  ");
        }
        for (String problem : stats.problems()) {
            field("PROBLEM", problem);
        }
    }

    private static String role(ProcessRecord process, StoreStats stats) {
        if (process.role() == ProcessRegistry.ROLE_READER) {
            return "reader";
        }
        return process.alive() && process.pid() == stats.drainerPid() ? "writer+drainer" : "writer";
    }

    private void field(String label, String value) {
        StringBuilder line = new StringBuilder(label);
        while (line.length() < LABEL_WIDTH) {
            line.append(' ');
        }
        out.println(line.append(value).toString());
    }

    private Map<String, Object> toJson(StoreStats stats, Optional<ChangeEvent> first, Optional<ChangeEvent> last) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", stats.directory().toString());
        json.put("keys", stats.keys());
        json.put("removedNotReclaimed", stats.tombstones());
        json.put("capacity", stats.capacity());
        json.put("headroom", Math.max(0, stats.capacity() - stats.keys()));
        json.put("dataBytes", stats.dataBytes());
        json.put("dataBytesFree", stats.dataBytesFree());
        json.put("maxDataBytes", stats.maxDataBytes());
        json.put("tierBytes", stats.tierBytes());
        json.put("largestValueBytes", stats.largestValueBytes());
        json.put("remainingAutoResizes", stats.remainingAutoResizes());
        json.put("maxArrayLength", stats.maxArrayLength());
        List<Map<String, Object>> segments = new ArrayList<>();
        for (StoreStatistics.Segment segment : stats.segments()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", segment.index());
            entry.put("keys", segment.keys());
            entry.put("bytes", segment.bytes());
            entry.put("bytesFree", segment.bytesFree());
            segments.add(entry);
        }
        json.put("segments", segments);
        Map<String, Object> files = new LinkedHashMap<>();
        files.put(StoreFiles.MAP, fileJson(stats.mapFileBytes(), stats.directory().resolve(StoreFiles.MAP)));
        Map<String, Object> header = new LinkedHashMap<>();
        // Not measured on disk: opening the header file would release this process's locks on it.
        header.put("bytes", stats.headerFileBytes());
        files.put(StoreFiles.HEADER, header);
        json.put("files", files);
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("bytesOnDisk", stats.journalBytes());
        journal.put("capBytes", stats.journalCapBytes());
        journal.put("firstSequence", stats.journalFirstSequence());
        journal.put("lastSequence", stats.journalLastSequence());
        journal.put("firstTime", first.map(event -> event.time().toString()).orElse(null));
        journal.put("lastTime", last.map(event -> event.time().toString()).orElse(null));
        journal.put("stagedBytes", stats.journalStagedBytes());
        journal.put("drained", stats.journalDrained());
        journal.put("lost", stats.journalLost());
        journal.put("coalesced", stats.journalCoalesced());
        journal.put("drainerPid", stats.drainerPid());
        journal.put("drainFailure", stats.drainFailure());
        json.put("journal", journal);
        json.put("lockRecoveries", stats.lockRecoveries());
        json.put("indexRecoveries", stats.indexRecoveries());
        List<Map<String, Object>> processes = new ArrayList<>();
        for (ProcessRecord process : stats.processes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pid", process.pid());
            entry.put("alive", process.alive());
            entry.put("role", role(process, stats));
            entry.put("openedAt", Instant.ofEpochMilli(process.openedAtMillis()).toString());
            entry.put("lockRecoveries", process.lockRecoveries());
            entry.put("command", process.command().isEmpty() ? null : process.command());
            processes.add(entry);
        }
        json.put("processes", processes);
        json.put("locks", HeldLocks.of(stats.locks()).stream().map(lock -> lock.toJson(stats.takenAt()))
                .collect(Collectors.toList()));
        json.put("problems", stats.problems());
        return json;
    }

    private static Map<String, Object> fileJson(long bytes, Path file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bytes", bytes);
        json.put("bytesOnDisk", DiskUsage.of(file));
        return json;
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
