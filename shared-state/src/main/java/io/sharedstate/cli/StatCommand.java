package io.sharedstate.cli;

import io.sharedstate.ChangeEvent;
import io.sharedstate.Journal;
import io.sharedstate.internal.DiskUsage;
import io.sharedstate.lock.ProcessLiveness;
import io.sharedstate.lock.ProcessRecord;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreFiles;
import io.sharedstate.store.StoreStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@code stat DIR [--json]}: the store's vital figures, its processes and its held locks. */
@Command(name = "stat", sortOptions = false,
        description = {"Show the number of keys, capacity and headroom, file sizes, segments, the journal's size "
                + "and range, the processes that have the store open (live or dead), the locks held and the "
                + "dead-owner lock recoveries so far.",
                "Opens the store read-only. Read-only tools (dump, stat, watch...) are not registered, so they "
                        + "are not listed."})
final class StatCommand extends StoreCommand {
    private static final int LABEL_WIDTH = 18;

    @Option(names = "--json", description = "One JSON document.")
    boolean json;

    @Override
    public Integer call() {
        StoreStats stats;
        HeldLocks.Scan locks;
        Optional<ChangeEvent> first;
        Optional<ChangeEvent> last;
        try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
            stats = state.stats();
            locks = HeldLocks.scan(state);
            Journal journal = state.journal();
            first = stats.journalFirstSequence() < 0 ? Optional.empty() : firstOf(journal.events());
            last = stats.journalLastSequence() < 0 ? Optional.empty()
                    : firstOf(journal.eventsFrom(stats.journalLastSequence()));
        }
        Instant now = Instant.now();
        if (json) {
            out.jsonDocument(toJson(stats, locks.held(), locks.skippedSegments(), first, last, now));
        } else {
            printText(stats, locks.held(), locks.skippedSegments(), first, last, now);
        }
        out.flush();
        return Signals.requested() ? Signals.interruptedStatus() : ExitCode.OK;
    }

    private static Optional<ChangeEvent> firstOf(Stream<ChangeEvent> events) {
        try (events) {
            return events.findFirst();
        }
    }

    private void printText(StoreStats stats, List<HeldLocks.Held> held, int skippedSegments,
                           Optional<ChangeEvent> first, Optional<ChangeEvent> last, Instant now) {
        Times.Stamp stamp = new Times.Stamp();
        long headroom = Math.max(0, stats.capacity() - stats.keys());
        field("store", stats.directory().toString());
        field("keys", stats.keys() - stats.tombstones() + " (" + stats.tombstones()
                + " removed, not yet reclaimed)");
        field("capacity", stats.capacity() + " keys; headroom " + headroom + " keys ("
                + String.format(Locale.ROOT, "%.1f%%", 100.0 * headroom / stats.capacity()) + ")");
        field("map free space", stats.percentageFreeSpace() + "% (Chronicle's estimate); "
                + stats.remainingAutoResizes() + " more segment tiers can be allocated");
        field("max array length", stats.maxArrayLength() + " elements");
        field("segments", stats.segments() + ", " + stuckText(stats));
        Path map = stats.directory().resolve(StoreFiles.MAP);
        Path header = stats.directory().resolve(StoreFiles.HEADER);
        field("files", StoreFiles.MAP + " " + bytes(stats.mapFileBytes()) + " (" + bytes(DiskUsage.of(map))
                + " on disk), " + StoreFiles.HEADER + " " + bytes(stats.headerFileBytes()) + " ("
                + bytes(DiskUsage.of(header)) + " on disk)");
        String range = first.isEmpty() || last.isEmpty() ? "no events"
                : "events #" + first.get().sequence() + " (" + stamp.format(first.get().time()) + ") to #"
                + last.get().sequence() + " (" + stamp.format(last.get().time()) + ")";
        field("journal", bytes(stats.journalBytes()) + " on disk; " + range);
        field("lock recoveries", stats.lockRecoveries() + " (locks taken over from dead owners, store-wide)");
        long live = stats.processes().stream().filter(ProcessRecord::alive).count();
        field("processes", stats.processes().size() + " registered: " + live + " live, "
                + (stats.processes().size() - live) + " dead");
        if (!stats.processes().isEmpty()) {
            Columns columns = new Columns(out, "  PID", "STATE", "OPENED", ">IN CHRONICLE", ">RECOVERIES", "COMMAND");
            for (ProcessRecord process : stats.processes()) {
                columns.row("  " + process.pid(), process.alive() ? "live" : "dead",
                        stamp.format(Instant.ofEpochMilli(process.openedAtMillis())),
                        Long.toString(process.chronicleDepth()), Long.toString(process.lockRecoveries()),
                        command(process));
            }
            columns.finish();
        }
        field("locks held", held.size() + (skippedSegments > 0 ? " (" + skippedSegments
                + " stuck segment(s) not scanned)" : ""));
        if (!held.isEmpty()) {
            HeldLocks.print(out, held, now, "  ");
        }
    }

    private static String command(ProcessRecord process) {
        if (!process.alive()) {
            return process.chronicleDepth() > 0 ? "(died inside a Chronicle call: a segment may be stuck)" : "-";
        }
        String command = ProcessLiveness.commandLine(process.pid()).orElse("?");
        return command.length() > 60 ? command.substring(0, 57) + "..." : command;
    }

    private static String stuckText(StoreStats stats) {
        if (stats.segmentsStuckForWriters() == 0 && stats.segmentsStuckForReaders() == 0) {
            return "none stuck";
        }
        return "STUCK (locked by a dead process; run shared-state recover): for writers "
                + Long.toBinaryString(stats.segmentsStuckForWriters()) + ", for readers "
                + Long.toBinaryString(stats.segmentsStuckForReaders()) + " (bit masks)";
    }

    private void field(String label, String value) {
        StringBuilder line = new StringBuilder(label);
        while (line.length() < LABEL_WIDTH) {
            line.append(' ');
        }
        out.println(line.append(value).toString());
    }

    private Map<String, Object> toJson(StoreStats stats, List<HeldLocks.Held> held, int skippedSegments,
                                       Optional<ChangeEvent> first, Optional<ChangeEvent> last, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("store", stats.directory().toString());
        json.put("keys", stats.keys() - stats.tombstones());
        json.put("removedNotReclaimed", stats.tombstones());
        json.put("capacity", stats.capacity());
        json.put("headroom", Math.max(0, stats.capacity() - stats.keys()));
        json.put("percentageFreeSpace", stats.percentageFreeSpace());
        json.put("remainingAutoResizes", stats.remainingAutoResizes());
        json.put("maxArrayLength", stats.maxArrayLength());
        json.put("segments", stats.segments());
        json.put("segmentsStuckForWriters", stats.segmentsStuckForWriters());
        json.put("segmentsStuckForReaders", stats.segmentsStuckForReaders());
        Map<String, Object> files = new LinkedHashMap<>();
        files.put(StoreFiles.MAP, fileJson(stats.mapFileBytes(), stats.directory().resolve(StoreFiles.MAP)));
        files.put(StoreFiles.HEADER, fileJson(stats.headerFileBytes(),
                stats.directory().resolve(StoreFiles.HEADER)));
        json.put("files", files);
        Map<String, Object> journal = new LinkedHashMap<>();
        journal.put("bytesOnDisk", stats.journalBytes());
        journal.put("firstSequence", stats.journalFirstSequence());
        journal.put("lastSequence", stats.journalLastSequence());
        journal.put("firstTime", first.map(event -> event.time().toString()).orElse(null));
        journal.put("lastTime", last.map(event -> event.time().toString()).orElse(null));
        json.put("journal", journal);
        json.put("lockRecoveries", stats.lockRecoveries());
        List<Map<String, Object>> processes = new ArrayList<>();
        for (ProcessRecord process : stats.processes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pid", process.pid());
            entry.put("alive", process.alive());
            entry.put("openedAt", Instant.ofEpochMilli(process.openedAtMillis()).toString());
            entry.put("insideChronicle", process.chronicleDepth());
            entry.put("lockRecoveries", process.lockRecoveries());
            entry.put("command", process.alive() ? ProcessLiveness.commandLine(process.pid()).orElse(null) : null);
            processes.add(entry);
        }
        json.put("processes", processes);
        json.put("skippedSegments", skippedSegments);
        json.put("locks", held.stream().map(lock -> lock.toJson(now)).collect(Collectors.toList()));
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
