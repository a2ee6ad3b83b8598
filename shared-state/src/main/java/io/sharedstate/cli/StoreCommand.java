package io.sharedstate.cli;

import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** What every command has: the store's directory as its first argument, and standard output. */
abstract class StoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The store's directory.")
    Path directory;

    final Out out = Out.stdout();
}
