package io.sharedstate.cli;

import io.sharedstate.SharedStateException;
import io.sharedstate.internal.ChronicleBootstrap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The {@code shared-state} command: inspect, watch and change a live store from the shell.
 *
 * <p>Exit status: {@value ExitCode#OK} success; {@value ExitCode#CHECK_FAILED} {@code verify} found a problem;
 * {@value ExitCode#USAGE} bad usage or bad input, with one line on stderr; {@value ExitCode#INTERNAL_ERROR} a bug,
 * with its stack trace; {@value ExitCode#INTERRUPTED} (or 128 + signal) {@code dump}/{@code journal} stopped by a
 * signal; {@value ExitCode#OUTPUT_CLOSED} the reader of the output went away.
 */
@Command(name = "shared-state", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Inspect, watch and change a shared-state store that live processes are using.",
        subcommands = {DumpCommand.class, GetCommand.class, SetCommand.class, IncrCommand.class, RmCommand.class,
                StatCommand.class, LocksCommand.class, WatchCommand.class, JournalCommand.class,
                VerifyCommand.class, RecoverCommand.class, BackupCommand.class, TrainCommand.class, HelpCommand.class},
        footer = {"", "Exit status: 0 success, 1 verify found a problem, 2 bad usage or input, 3 internal error, "
                + "130 interrupted, 141 output closed.", "See docs/ops.md."})
public final class Main {
    private static final String NAME = "shared-state";

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args);
        System.exit(status);
    }

    /** Runs the command line and returns the exit status; for {@link #main} and tests. */
    static int run(String... args) {
        configureLogging();
        ChronicleBootstrap.configure();
        Signals.install();
        try {
            return commandLine().execute(args);
        } finally {
            Out.flushQuietly();
        }
    }

    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(Main.class);
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            sub.getCommandSpec().mixinStandardHelpOptions(true);
        }
        for (String takesValues : new String[] {"set", "incr"}) {
            // -5, -inf, -nan, -1e3 are values (see ValueArguments), never an unknown option.
            commandLine.getSubcommands().get(takesValues).setUnmatchedOptionsArePositionalParams(true)
                    .setPosixClusteredShortOptionsAllowed(false);
        }
        commandLine.setExecutionExceptionHandler(new ErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        return commandLine;
    }

    /** Chronicle's INFO chatter hidden, our warnings on stderr; -D settings of the same name win. */
    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.net.openhft", "error");
        setIfAbsent("org.slf4j.simpleLogger.logFile", "System.err");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "false");
        setIfAbsent("org.slf4j.simpleLogger.warnLevelString", NAME + ": warning:");
        setIfAbsent("org.slf4j.simpleLogger.errorLevelString", NAME + ": error:");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Prints a warning on stderr. */
    static void warn(String message) {
        System.err.println(NAME + ": warning: " + oneLine(message));
    }

    /** Prints a note on stderr, for people watching, never for scripts parsing stdout. */
    static void info(String message) {
        System.err.println(NAME + ": " + oneLine(message));
    }

    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** Maps exceptions to exit statuses: user errors print one line, bugs their stack trace. */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
            String command = commandLine.getCommandName();
            String prefix = command.equals(NAME) ? NAME + ": " : NAME + " " + command + ": ";
            if (e instanceof OutputClosedException) {
                return ExitCode.OUTPUT_CLOSED;
            }
            if (e instanceof LockedChange.Cancelled) {
                System.err.println(prefix + e.getMessage());
                return Signals.interruptedStatus();
            }
            if (isLostCluster(e)) {
                System.err.println(prefix + "lost the cluster: its members left or cannot be reached ("
                        + oneLine(message(e)) + ")");
                return ExitCode.USAGE;
            }
            if (isUserError(e)) {
                System.err.println(prefix + oneLine(message(e)));
                return ExitCode.USAGE;
            }
            System.err.println(prefix + "internal error (a bug; please report it with the stack trace below): "
                    + oneLine(String.valueOf(e)));
            e.printStackTrace();
            return ExitCode.INTERNAL_ERROR;
        }

        private static boolean isUserError(Throwable e) {
            // SharedStateException: StoreFormat, NoSuchKey, TypeMismatch, KeyRemoved, StoreFull,
            // StoreRecoveryRequired, a store in use by others (recover). IllegalArgumentException:
            // ValueOutOfRange, InvalidName, wrong array length. UnsupportedOperation: arithmetic on 'c', 'u', '?'.
            return e instanceof UserException || e instanceof SharedStateException
                    || e instanceof IllegalArgumentException || e instanceof IndexOutOfBoundsException
                    || e instanceof UnsupportedOperationException || e instanceof UncheckedIOException
                    || e instanceof IOException;
        }

        /**
         * Returns whether a cluster's client was cut off from its members (the cluster module's Ignite says so by an
         * exception named so, which the library cannot name by its class).
         */
        private static boolean isLostCluster(Throwable e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
                if (cause.getClass().getSimpleName().endsWith("ClientDisconnectedException")) {
                    return true;
                }
            }
            return false;
        }

        private static String message(Throwable e) {
            if (e instanceof UncheckedIOException && e.getCause() != null) {
                return e.getMessage();
            }
            String message = e.getMessage();
            return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        }
    }

    /** Bad usage: one line naming the problem and where help is, never the whole usage text. */
    static final class UsageHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine commandLine = e.getCommandLine();
            String command = commandLine.getCommandName();
            String qualified = command.equals(NAME) ? NAME : NAME + " " + command;
            StringBuilder line = new StringBuilder(qualified).append(": ");
            List<String> unmatched = e instanceof UnmatchedArgumentException
                    ? ((UnmatchedArgumentException) e).getUnmatched() : List.of();
            if (command.equals(NAME) && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                line.append("unknown command '").append(unmatched.get(0)).append("'; the commands are ")
                        .append(commandLine.getSubcommands().entrySet().stream()
                                .filter(sub -> !sub.getValue().getCommandSpec().usageMessage().hidden())
                                .map(java.util.Map.Entry::getKey)
                                .collect(java.util.stream.Collectors.joining(", ")));
            } else {
                line.append(oneLine(e.getMessage()));
                List<String> suggestions = e instanceof UnmatchedArgumentException
                        ? ((UnmatchedArgumentException) e).getSuggestions() : List.of();
                if (!suggestions.isEmpty()) {
                    line.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
                }
                if (isNegativeNumber(unmatched)) {
                    line.append("; put -- before a negative number");
                }
            }
            line.append("; see '").append(qualified).append(" --help'");
            System.err.println(line);
            return ExitCode.USAGE;
        }

        private static boolean isNegativeNumber(List<String> unmatched) {
            return unmatched.stream().anyMatch(arg -> arg.matches("-[0-9.].*|-inf.*|-nan"));
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {NAME + " " + (version == null ? "(development build)" : version)
                    + " (Java " + Runtime.version() + ")"};
        }
    }
}
