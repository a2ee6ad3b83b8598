package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sharedstate.KeyInfo;
import io.sharedstate.SharedState;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.KeySnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code dump DIR [--json] [--prefix P]}: streams every key, one map segment at a time. A segment is read into
 * memory under its Chronicle lock (a few thousand keys at most) and printed after the lock is released, so a
 * slow reader of the output never holds up writers, and memory does not grow with the number of keys.
 */
@Command(name = "dump", sortOptions = false,
        description = {"Print every key: its type (typecode and name), length for arrays, value(s), journal "
                + "setting, creation time and last writer pid.",
                "Keys come in the store's internal order (pipe through sort for another; a cluster's come "
                        + "sorted). Opens the store read-only and holds no lock while printing.", ClusterOptions.HELP})
final class DumpCommand extends StoreCommand {
    /** How long to wait for a key whose writer is mid-change before showing the value of the moment. */
    static final long LOCK_WAIT_MILLIS = 10;

    @Option(names = "--json", description = "One JSON document: {\"store\":..., \"keys\":[...], \"count\":N, "
            + "\"complete\":true}.")
    boolean json;

    @Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only keys starting with P "
            + "(taken literally; see --match for patterns).")
    String prefix;

    @Option(names = "--match", paramLabel = "GLOB", description = "Only keys matching GLOB: * any characters, ? "
            + "one, [a-z] one of a set, \\ quotes; such as 'requests.*'.")
    String match;

    @Mixin
    ClusterOptions cluster;

    private static void write(Sink sink, List<KeySnapshot> batch) {
        try {
            for (KeySnapshot key : batch) {
                sink.key(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Integer call() throws IOException {
        cluster.checkFor(directory);
        if (ClusterOptions.namesCluster(directory)) {
            return dumpCluster();
        }
        SegmentScan.Result scan;
        try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
            Sink sink = json ? new JsonSink(out, state.directory().toString())
                    : new TextSink(out, state.directory().toString());
            KeyPattern pattern = KeyPattern.of(match);
            String scanPrefix = longer(prefix, pattern.literalPrefix());
            scan = SegmentScan.run(state, scanPrefix, pattern, LOCK_WAIT_MILLIS, batch -> write(sink, batch));
            sink.end(scan.keys(), scan.complete());
        }
        return finish(scan);
    }

    /** A cluster's keys, read through the public API; see {@link ClusterScan}. */
    private int dumpCluster() throws IOException {
        SegmentScan.Result scan;
        try (SharedState state = cluster.open(directory)) {
            Sink sink = json ? new JsonSink(out, directory.toString()) : new TextSink(out, directory.toString());
            KeyPattern pattern = KeyPattern.of(match);
            scan = ClusterScan.run(state, longer(prefix, pattern.literalPrefix()), pattern,
                    batch -> write(sink, batch));
            sink.end(scan.keys(), scan.complete());
        }
        return finish(scan);
    }

    private int finish(SegmentScan.Result scan) {
        out.flush();
        if (scan.complete() && scan.keys() == 0) {
            warnIfPrefixIsAGlob(prefix);
        }
        if (!scan.complete()) {
            Main.warn("interrupted: the output ends after " + scan.keys() + " keys");
            return Signals.interruptedStatus();
        }
        return ExitCode.OK;
    }

    /** The narrower of two prefixes that both must hold; if neither extends the other, nothing can match. */
    private static String longer(String a, String b) {
        if (a.startsWith(b)) {
            return a;
        }
        // "\u0000" cannot start a key name (names are validated): an impossible prefix.
        return b.startsWith(a) ? b : "\u0000";
    }

    /** {@code --prefix 'requests.*'} matches nothing; say why instead of printing nothing silently. */
    static void warnIfPrefixIsAGlob(String prefix) {
        if (KeyPattern.looksLikeGlob(prefix)) {
            Main.warn("no key starts with \"" + prefix + "\": --prefix is taken literally; for a pattern, "
                    + "use --match '" + prefix + "'");
        }
    }

    private interface Sink {
        void key(KeySnapshot key) throws IOException;

        void end(long count, boolean complete) throws IOException;
    }

    /** Aligned columns; the value last, as {@code 5} or {@code [1, 2, 3]}. */
    private static final class TextSink implements Sink {
        private final Columns columns;
        private final Times.Stamp stamp = new Times.Stamp();
        private final String directory;

        TextSink(Out out, String directory) {
            this.columns = new Columns(out, "KEY", "TYPE", ">LEN", "JOURNAL", "CREATED", ">WRITER", "VALUE");
            this.directory = directory;
        }

        @Override
        public void key(KeySnapshot key) {
            KeyInfo info = key.info();
            if (info == null) {
                columns.row(key.name(), "?", "-", "-", "-", "-", "<" + KeyJson.corruptMessage(directory) + ">");
                return;
            }
            String value = Values.display(info.typecode(), info.isArray(), key.values());
            if (!key.consistent()) {
                value += key.explicitlyLocked() ? "  (locked by pid " + info.lockOwnerPid() + ")"
                        : "  (mid-change by pid " + info.lockOwnerPid() + ")";
            }
            columns.row(info.name(), info.typecode().code() + " " + info.typecode().typeName(),
                    info.isArray() ? Integer.toString(info.length()) : "-",
                    info.journal().name().toLowerCase(Locale.ROOT), stamp.format(info.createdAt()),
                    Integer.toString(info.lastWriterPid()), value);
        }

        @Override
        public void end(long count, boolean complete) {
            columns.finish();
        }
    }

    /** One JSON document, one key object per line inside {@code "keys"}. */
    private static final class JsonSink implements Sink {
        private final JsonGenerator json;
        private final KeyJson keyJson = new KeyJson();
        private final String directory;

        JsonSink(Out out, String directory) throws IOException {
            this.json = out.json();
            json.setPrettyPrinter(new RecordPerLine());
            this.directory = directory;
            json.writeStartObject();
            json.writeStringField("store", directory);
            json.writeArrayFieldStart("keys");
        }

        @Override
        public void key(KeySnapshot key) throws IOException {
            if (key.info() == null) {
                KeyJson.writeCorrupt(json, key.name(), directory);
            } else {
                keyJson.write(json, key.info(), -1, key.values(), key.consistent());
            }
        }

        @Override
        public void end(long count, boolean complete) throws IOException {
            json.writeEndArray();
            json.writeNumberField("count", count);
            json.writeBooleanField("complete", complete);
            json.writeEndObject();
            json.close();
        }
    }
}
