package io.sharedstate.testing;

import io.sharedstate.internal.JvmOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child JVM running a main class from the test classpath, started with the JVM options the library ships
 * (io/sharedstate/jvm.options), as users' processes would be. Its stdout lines are queued for the test to read.
 */
public final class JavaProcess implements AutoCloseable {
    /**
     * Options every child JVM gets: small stacks, the serial collector and C1 only, as many JVMs share two cores. A
     * child lives seconds: C2's compilations cost it more CPU than they give back (the library's surefire run
     * measured 234 CPU-seconds with C1 only, 281 with the full JIT), and the suite is bound by CPU.
     */
    static final List<String> CHILD_OPTIONS = List.of("-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    /** Options that give a child the full JIT back, as users' processes run: for benchmarks' children. */
    public static final List<String> FULL_JIT = List.of("-XX:TieredStopAtLevel=4");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    private final List<String> command;
    private final List<Thread> pumps = new java.util.concurrent.CopyOnWriteArrayList<>();

    private JavaProcess(List<String> command) {
        this(command, Map.of(), List.of());
    }

    /** Starts {@code command} with {@code environment} added to this JVM's, less the variables {@code unset}. */
    private JavaProcess(List<String> command, Map<String, String> environment, List<String> unset) {
        this.command = command;
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeAll(unset);
            builder.environment().putAll(environment);
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pump(process.getInputStream(), lines::add, "stdout");
        pump(process.getErrorStream(), line -> {
            stderr.append(line).append('\n');
            if (line.startsWith("STALL")) {
                System.out.println("child " + line);
            }
        }, "stderr");
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM. */
    public static JavaProcess start(Class<?> mainClass, Object... args) {
        return start(List.of(), mainClass, args);
    }

    /** Starts {@code mainClass} with extra JVM options and {@code args} in a new JVM. */
    public static JavaProcess start(List<String> jvmOptions, Class<?> mainClass, Object... args) {
        return new JavaProcess(javaCommand(jvmOptions, mainClass, args));
    }

    /**
     * Starts {@code mainClass} in a new JVM run by {@code prefix}, such as {@code unshare -p -f --mount-proc} (a PID
     * namespace of its own, as in a container) or a shell that leaves it a zombie when it dies. {@link #javaPid()}
     * finds the JVM itself among the prefix's descendants.
     */
    public static JavaProcess startUnder(List<String> prefix, Class<?> mainClass, Object... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand(List.of(), mainClass, args));
        return new JavaProcess(command);
    }

    /**
     * Returns the prefix that runs a command so that it becomes a zombie when it dies: its parent, a shell that
     * turned into {@code sleep}, never waits for it.
     */
    public static List<String> zombieParent() {
        return List.of("sh", "-c", "\"$@\" & exec sleep 100000", "sh");
    }

    /**
     * Starts {@code mainClass} in a new JVM run as another Unix user (with runuser(1); the tests run as root), on a
     * copy of the classpath that any user can read.
     */
    public static JavaProcess startAs(String user, Class<?> mainClass, Object... args) {
        return startAs(List.of(), user, mainClass, args);
    }

    /** As {@link #startAs(String, Class, Object...)}, run by {@code prefix} (as root), such as {@link #hiddenProc}. */
    public static JavaProcess startAs(List<String> prefix, String user, Class<?> mainClass, Object... args) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("runuser", "-u", user, "--"));
        command.addAll(javaCommand(ReadableClasspath.get(), List.of(), mainClass, args));
        return new JavaProcess(command);
    }

    /**
     * Returns the prefix that runs a command in a mount namespace of its own whose {@code /proc} is mounted with
     * {@code hidepid=2}: a process of another user sees no {@code /proc} entry of any process but its own, as on
     * hardened hosts. The machine's own {@code /proc} is not touched (procfs options are per mount since Linux 5.8).
     */
    public static List<String> hiddenProc() {
        return List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount -t proc -o hidepid=2 proc /proc && exec \"$@\"", "sh");
    }

    /** Starts {@code mainClass} on the given classpath with extra JVM options and {@code args}. */
    public static JavaProcess startWithClasspath(String classpath, List<String> jvmOptions, Class<?> mainClass,
                                                 Object... args) {
        return new JavaProcess(javaCommand(classpath, jvmOptions, mainClass, args));
    }

    /**
     * Starts {@code mainClass} on the test JVM's classpath without the library's options file: only
     * {@code jvmOptions}, and the {@code environment} variables added to this JVM's, give it flags (this JVM's own
     * JDK_JAVA_OPTIONS and JAVA_TOOL_OPTIONS are not passed on).
     */
    public static JavaProcess startWithoutLibraryFlags(List<String> jvmOptions, Map<String, String> environment,
                                                       Class<?> mainClass, Object... args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(CHILD_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        Arrays.stream(args).map(String::valueOf).forEach(command::add);
        return new JavaProcess(command, environment, List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS"));
    }

    /**
     * Starts {@code mainClass} on another Java runtime ({@code java} is its launcher), on the test JVM's own
     * classpath as it is (no class-data archive: one made by this JVM would not fit that runtime).
     */
    public static JavaProcess startOn(Path java, Class<?> mainClass, Object... args) {
        return new JavaProcess(javaCommand(java.toString(), System.getProperty("java.class.path"), List.of(),
                mainClass, args));
    }

    /** The command of a child on the test JVM's own classpath, packed into jars and mapped from a class-data archive. */
    private static List<String> javaCommand(List<String> jvmOptions, Class<?> mainClass, Object... args) {
        ChildClasspath children = ChildClasspath.get();
        List<String> options = new ArrayList<>(children.archiveOptions());
        options.addAll(jvmOptions);
        return javaCommand(children.classpath(), options, mainClass, args);
    }

    private static List<String> javaCommand(String classpath, List<String> jvmOptions, Class<?> mainClass,
                                            Object... args) {
        return javaCommand(javaExecutable(), classpath, jvmOptions, mainClass, args);
    }

    private static List<String> javaCommand(String java, String classpath, List<String> jvmOptions,
                                            Class<?> mainClass, Object... args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JvmOptions.fromLibrary());
        command.addAll(CHILD_OPTIONS);
        if (Boolean.getBoolean("debug.stalls")) {
            command.add("-Ddebug.stalls=true");
        }
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass.getName());
        Arrays.stream(args).map(String::valueOf).forEach(command::add);
        return command;
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public long pid() {
        return process.pid();
    }

    /** Returns the JVM's own process: the process started, or the JVM among its descendants if it runs under a prefix. */
    public ProcessHandle javaPid() {
        String executable = javaExecutable();
        if (process.info().command().map(executable::equals).orElse(false)) {
            return process.toHandle();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            java.util.Optional<ProcessHandle> found = process.descendants()
                    .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no JVM under " + describe());
    }

    /** Kills the JVM itself with SIGKILL (under a prefix, the prefix lives on), and waits until it is dead or a zombie. */
    public void kill9Java() {
        ProcessHandle jvm = javaPid();
        jvm.destroyForcibly();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (isRunning(jvm.pid()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** Returns whether the process is running: neither gone nor a zombie. */
    public static boolean isRunning(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns whether the process is a zombie: dead, and not yet reaped by its parent. */
    public static boolean isZombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for the next stdout line, failing after {@code timeout}. */
    public String nextLine(Duration timeout) {
        try {
            String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                throw new AssertionError("no output within " + timeout + " from " + describe());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for a stdout line starting with {@code prefix}, skipping others. */
    public String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = nextLine(Duration.ofNanos(Math.max(1, left)));
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Returns the stdout lines received so far and not yet read. */
    public List<String> drainLines() {
        List<String> drained = new ArrayList<>();
        lines.drainTo(drained);
        return drained;
    }

    /**
     * Waits for the process to exit and returns its status, failing after {@code timeout}; then its output has been
     * read to the end.
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("did not exit within " + timeout + ": " + describe());
            }
            awaitOutput();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for a successful exit, failing with the process's stderr otherwise. */
    public void awaitSuccess(Duration timeout) {
        int status = waitFor(timeout);
        if (status != 0) {
            throw new AssertionError("exit status " + status + " from " + describe());
        }
    }

    /** Kills the process with SIGKILL, as {@code kill -9} does, and waits until it is gone. */
    public void kill9() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stderr() {
        return stderr.toString();
    }

    public String describe() {
        return command.stream().skip(command.indexOf("-cp") + 2).collect(Collectors.joining(" "))
                + "\n--- stderr ---\n" + stderr;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            kill9();
        }
    }

    private void pump(InputStream stream, java.util.function.Consumer<String> sink, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-" + name);
        thread.setDaemon(true);
        thread.start();
        pumps.add(thread);
    }

    /** Waits until what the exited process wrote has been read (a grandchild holding the pipe open aside). */
    private void awaitOutput() throws InterruptedException {
        for (Thread pump : pumps) {
            pump.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}
