package io.sharedstate.demo;

import io.sharedstate.internal.ChronicleBootstrap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The demo launcher, {@code bin/shared-state demo [SCENARIO] [options]}: starts real worker JVMs that share values
 * through a store, prints what they do, and checks every result against the value it must have. Without a
 * scenario it runs {@code seed}, then a short {@code stress} and a short {@code crash} run; {@code cluster}, the
 * same API on an Apache Ignite cluster, runs only when named.
 */
@Command(name = "shared-state demo", mixinStandardHelpOptions = true, version = "shared-state demo 0.1.0",
        subcommands = {SeedScenario.class, RaceScenario.class, StressScenario.class, CrashScenario.class,
                WatchScenario.class, ClusterScenario.class},
        description = {
            "Shares values between real OS processes (worker JVMs) through a shared-state store and checks every "
                    + "result. Each scenario prints what it does, PASS or FAIL for each check, and the directory "
                    + "of the store it leaves behind; the exit status is 1 if any check failed.",
            "",
            "Without a scenario: seed, then a short stress run and a short crash run. The cluster scenario runs the "
                    + "same API on a three-member Apache Ignite cluster instead of a store directory; it is not part "
                    + "of the default run."})
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR",
            description = "Parent directory for the stores of the default run (seed/, stress/ and crash/ are "
                    + "created in it); default: new directories under ${java.io.tmpdir}/shared-state-demo, each "
                    + "removed when its checks passed.")
    Path dir;

    /** Runs the launcher; exits with 0 if every check passed, 1 if one failed, 2 for a usage error. */
    public static void main(String[] args) {
        ChronicleBootstrap.configure();
        System.exit(commandLine().execute(args));
    }

    /** Returns the launcher's command line, for {@link #main} and tests. */
    static CommandLine commandLine() {
        return new CommandLine(new DemoMain())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((error, line, parsed) -> {
                    line.getErr().println("error: " + error.getMessage());
                    return 2;
                });
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        List<Scenario> scenarios = List.of(new SeedScenario(), StressScenario.quick(), CrashScenario.quick());
        List<Path> directories = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            directories.add(DemoDirectory.prepare(scenario.name(), DemoDirectory.under(dir, scenario.name())));
        }
        Checks checks = new Checks(System.out);
        System.out.println("shared-state demo: the Python examples, then a short stress run and a short crash run");
        ClassDataArchive.prepare(System.out);
        for (int i = 0; i < scenarios.size(); i++) {
            scenarios.get(i).runReported(directories.get(i), dir != null, checks);
        }
        System.out.println();
        System.out.println("demo took " + Format.seconds(System.nanoTime() - start));
        return checks.finish("demo");
    }
}
