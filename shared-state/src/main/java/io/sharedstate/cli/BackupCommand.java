package io.sharedstate.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.sharedstate.ChangeEvent;
import io.sharedstate.KeyInfo;
import io.sharedstate.KeyRemovedException;
import io.sharedstate.NoSuchKeyException;
import io.sharedstate.SharedState;
import io.sharedstate.StoreSettings;
import io.sharedstate.store.ChronicleSharedState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * {@code backup DIR DEST}: copies a live store into a new store, key by key, while its processes go on. Each key is
 * copied as one consistent snapshot (the library's reads), with its type, length and journal setting; the new
 * store has the same settings. The journal's history up to the backup's start is written beside the values as
 * {@value #HISTORY}, in the format of {@code journal --json}; the new store's own journal starts with the copy.
 */
@Command(name = "backup", description = {"Copy a live store into a new store DEST that opens as a store, while "
        + "its processes go on: every key with its type, length, journal setting and value (each key a consistent "
        + "snapshot of a moment during the backup), the store's settings, and the journal's history up to the "
        + "backup's start in DEST/" + BackupCommand.HISTORY + " (as 'journal --json' prints it). Processes are "
        + "not stopped, so keys changed during the backup may be copied from before or after a change; "
        + "DEST's own journal starts with the copy."})
final class BackupCommand extends StoreCommand {
    static final String HISTORY = "journal-history.json";

    @Parameters(index = "1", paramLabel = "DEST", description = "A directory that does not exist yet, or an empty one.")
    Path destination;

    private final EventFormat format = new EventFormat();

    @Override
    public Integer call() throws IOException {
        requireEmpty(destination);
        boolean created = !Files.exists(destination);
        try {
            Integer status = backUp();
            if (status == null) {
                removeCopy(created);
                Main.warn("interrupted: the incomplete copy in " + destination + " is removed");
                return Signals.interruptedStatus();
            }
            return status;
        } catch (RuntimeException | IOException e) {
            // A half-made copy must not pass for a backup: DEST was new or empty, so all of it is ours.
            removeCopy(created);
            throw e;
        }
    }

    /** Copies the store; returns null if a signal interrupted it. */
    private Integer backUp() throws IOException {
        try (ChronicleSharedState source = Stores.openReadOnly(directory)) {
            long start = source.journal().lastSequence();
            long copied = 0;
            long gone = 0;
            try (SharedState copy = builderLike(source.settings(), destination).open()) {
                for (String name : source.names()) {
                    if (Signals.requested()) {
                        return null;
                    }
                    if (copyKey(source, copy, name)) {
                        copied++;
                    } else {
                        gone++;
                    }
                }
                copy.sync();
            }
            Path history = destination.resolve(HISTORY);
            long events = writeHistory(source, history, start);
            out.println("backed up " + copied + " keys of " + directory + " to " + destination
                    + (gone > 0 ? " (" + gone + " removed during the backup, not copied)" : "")
                    + "; journal history: " + events + " events in " + history);
        }
        return ExitCode.OK;
    }

    private void removeCopy(boolean created) throws IOException {
        if (!Files.exists(destination)) {
            return;
        }
        if (created) {
            MoreFiles.deleteRecursively(destination, RecursiveDeleteOption.ALLOW_INSECURE);
        } else {
            MoreFiles.deleteDirectoryContents(destination, RecursiveDeleteOption.ALLOW_INSECURE);
        }
    }

    private static void requireEmpty(Path destination) throws IOException {
        if (Files.exists(destination)) {
            if (!Files.isDirectory(destination)) {
                throw new UserException(destination + " exists and is not a directory: give a new directory");
            }
            try (Stream<Path> entries = Files.list(destination)) {
                if (entries.findAny().isPresent()) {
                    throw new UserException(destination + " is not empty: give a new or empty directory");
                }
            }
        }
    }

    private static io.sharedstate.SharedStateBuilder builderLike(StoreSettings settings, Path destination) {
        return SharedState.builder(destination)
                .capacity(settings.capacity())
                .maxArrayLength(settings.maxArrayLength())
                .dataBytes(settings.dataBytes())
                .journal(settings.journal())
                .journalRetentionBytes(settings.journalRetentionBytes())
                .journalRetention(settings.journalRetention())
                .journalCoalesceInterval(settings.journalCoalesceInterval())
                .filePermissions(settings.filePermissions());
    }

    /** Copies one key; returns false if it was removed before it could be read. */
    private static boolean copyKey(SharedState source, SharedState copy, String name) {
        try {
            KeyInfo info = source.info(name);
            SharedState target = copy.withJournal(info.journal());
            char typecode = info.typecode().code();
            if (info.isArray()) {
                target.array(name, typecode, source.array(name).toArray());
            } else {
                target.value(name, typecode, source.value(name).get());
            }
            return true;
        } catch (NoSuchKeyException | KeyRemovedException e) {
            return false;
        }
    }

    /** Writes the source's journal events up to sequence {@code last}, as {@code journal --json} does. */
    private long writeHistory(ChronicleSharedState source, Path file, long last) throws IOException {
        long count = 0;
        try (OutputStream stream = Files.newOutputStream(file);
             JsonGenerator json = new JsonFactory().createGenerator(stream);
             Stream<ChangeEvent> events = source.journal().events()) {
            json.setPrettyPrinter(new RecordPerLine());
            json.writeStartObject();
            json.writeStringField("store", source.directory().toString());
            json.writeArrayFieldStart("events");
            for (Iterator<ChangeEvent> iterator = events.iterator(); iterator.hasNext(); ) {
                ChangeEvent event = iterator.next();
                if (event.sequence() > last) {
                    break;
                }
                format.writeJson(json, event);
                count++;
            }
            json.writeEndArray();
            json.writeNumberField("count", count);
            json.writeEndObject();
        }
        return count;
    }
}
