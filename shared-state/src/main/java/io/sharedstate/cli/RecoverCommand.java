package io.sharedstate.cli;

import io.sharedstate.store.StoreMaintenance;
import io.sharedstate.store.StoreMaintenance.RecoveryReport;
import picocli.CommandLine.Command;

/** {@code recover DIR}: rebuilds a damaged store offline; needs the store closed everywhere. */
@Command(name = "recover",
        description = {"Rebuild a store that is damaged (by the disk, or by hand): the map's segment headers, "
                + "every per-key lock (each release journaled), corrupt entries removed (their keys are lost), the "
                + "process table cleared. Not needed after a process dies, even inside a Chronicle call: the "
                + "processes still using the store repair what it left within a second.",
                "Refuses to run while any other process has the store open (read-only tools included), and "
                        + "names the registered ones."})
final class RecoverCommand extends StoreCommand {
    @Override
    public Integer call() {
        Stores.requireStore(directory);
        RecoveryReport report = StoreMaintenance.recover(directory);
        out.println("recovered " + directory.toAbsolutePath().normalize() + ": " + report.keys() + " keys; "
                + report.locksReleased() + " per-key locks released; " + report.deadProcessesCleared()
                + " process slots cleared; " + report.corruptEntriesRemoved() + " corrupt entries removed");
        out.flush();
        return ExitCode.OK;
    }
}
