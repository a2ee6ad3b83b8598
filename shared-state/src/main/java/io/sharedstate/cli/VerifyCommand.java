package io.sharedstate.cli;

import io.sharedstate.StoreFormatException;
import io.sharedstate.store.ChronicleSharedState;
import io.sharedstate.store.StoreMaintenance;
import io.sharedstate.store.StoreMaintenance.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code verify DIR [--json]}: checks the header, every entry, the journal and that replaying the journal gives
 * the values held. Exit 0 if all is well, 1 with a report if not; 2 if DIR is not a store at all.
 */
@Command(name = "verify", sortOptions = false,
        description = {"Check the store's integrity: the header, every entry readable and of a valid type, the "
                + "journal readable, and replaying the journal gives the values the store holds (for journaled "
                + "keys whose whole history the journal still has).",
                "Exit status 0 if all is well, 1 if a problem was found (listed). Opens the store read-only."})
final class VerifyCommand extends StoreCommand {
    @Option(names = "--json", description = "One JSON document: {\"store\":..., \"ok\":true, \"problems\":[...], "
            + "...}.")
    boolean json;

    @Override
    public Integer call() {
        VerifyReport report;
        try (ChronicleSharedState state = Stores.openReadOnly(directory)) {
            report = StoreMaintenance.verify(state);
        } catch (StoreFormatException e) {
            // The store is there but damaged: that is what verify is for, so a failed check, not bad usage.
            report = new VerifyReport(0, 0, 0, List.of(), List.of(Main.oneLine(e.getMessage())));
        }
        if (json) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("store", directory.toAbsolutePath().normalize().toString());
            document.put("ok", report.ok());
            document.put("keysChecked", report.keys());
            document.put("journalEvents", report.journalEvents());
            document.put("keysReplayed", report.keysReplayed());
            document.put("problems", report.problems());
            out.jsonDocument(document);
        } else {
            out.println("keys checked      " + report.keys());
            out.println("journal events    " + report.journalEvents());
            out.println("keys replayed     " + report.keysReplayed()
                    + " (journaled keys whose whole history the journal holds, compared with the store)");
            if (report.ok()) {
                out.println("OK: no problems found");
            } else {
                out.println("FAILED: " + report.problems().size() + " problem(s)");
                for (String problem : report.problems()) {
                    out.println("  " + problem);
                }
            }
        }
        out.flush();
        return report.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
