package io.sharedstate.internal;

import java.nio.file.Path;

/** What this process says about itself: its pid and the main class (or jar) it runs, for tools. */
public final class CurrentProcess {
    private static final int PID = Math.toIntExact(ProcessHandle.current().pid());
    private static final String MAIN = mainClass();

    private CurrentProcess() {
    }

    /** Returns this process's pid, as its own PID namespace sees it. */
    public static int pid() {
        return PID;
    }

    /** The system property a tool sets to name itself in the process table, such as "shared-state dump". */
    public static final String NAME_PROPERTY = "io.sharedstate.processName";

    /**
     * Returns what this process is: the value of {@value #NAME_PROPERTY} if set, else its main class, or the name
     * of the jar it runs; "?" if unknown.
     */
    public static String main() {
        String name = System.getProperty(NAME_PROPERTY);
        return name != null ? name : MAIN;
    }

    private static String mainClass() {
        String command = System.getProperty("sun.java.command", "").strip();
        if (command.isEmpty()) {
            return "?";
        }
        String first = command.split("\\s+")[0];
        if (first.endsWith(".jar")) {
            Path jar = Path.of(first).getFileName();
            return jar == null ? first : jar.toString();
        }
        return first;
    }
}
