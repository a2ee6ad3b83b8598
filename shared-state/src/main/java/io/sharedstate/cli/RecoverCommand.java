package io.sharedstate.cli;

import io.sharedstate.store.StoreMaintenance;
import io.sharedstate.store.StoreMaintenance.RecoveryReport;
import picocli.CommandLine.Command;

/** {@code recover DIR}: the way out of a stuck Chronicle segment lock; needs the store closed everywhere. */
@Command(name = "recover",
        description = {"Bring a store back into service after a process died holding a Chronicle Map segment "
                + "lock, or left other debris: rebuilds the map's segment headers, frees every per-key lock, "
                + "reclaims removed keys, removes corrupt entries (their keys are lost) and clears the process "
                + "table.",
                "Refuses to run while any other process has the store open (read-only tools included), and "
                        + "names the registered ones."})
final class RecoverCommand extends StoreCommand {
    @Override
    public Integer call() {
        Stores.requireStore(directory);
        RecoveryReport report = StoreMaintenance.recover(directory);
        out.println("recovered " + directory.toAbsolutePath().normalize() + ": " + report.entries() + " entries; "
                + report.locksReleased() + " per-key locks released; " + report.tombstonesReclaimed()
                + " removed keys reclaimed; " + report.deadProcessesCleared() + " process slots cleared; "
                + report.corruptEntriesRemoved() + " corrupt entries removed");
        out.flush();
        return ExitCode.OK;
    }
}
