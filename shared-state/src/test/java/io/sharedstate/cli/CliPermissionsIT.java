package io.sharedstate.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Another user without access to a store is told "permission denied" and which file, as root sets it up. */
class CliPermissionsIT {
    private static final String USER = "sscli" + UUID.randomUUID().toString().substring(0, 8);
    private static boolean created;

    @TempDir
    Path tmp;
    Path dir;

    @BeforeAll
    static void createUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create a user");
        created = exec("useradd", "--no-create-home", "--system", USER) == 0;
        assumeTrue(created, "useradd failed");
    }

    @AfterAll
    static void deleteUser() throws Exception {
        if (created) {
            exec("userdel", USER);
        }
    }

    @BeforeEach
    void createStore() throws IOException {
        dir = tmp.resolve("store");
        Samples.create(dir);
        // JUnit's temporary directory is private to root; the store's own permissions are what is tested.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The CLI jar and its class-data archive must be readable by the other user.
        Cli.run(tmp, "get", dir, "hits").assertOk();
    }

    @Test
    void aUserWhoCannotEnterTheStoresDirectoryIsToldPermissionDeniedAndWhere() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        for (String command : List.of("dump", "stat", "journal")) {
            Cli.runAs(USER, command, dir).assertUserError("permission denied: " + dir + " cannot be searched");
        }
        Cli.runAs(USER, "set", dir, "hits", "1").assertUserError("permission denied: " + dir);
    }

    @Test
    void aUserWhoCannotReadTheStoresFilesIsToldPermissionDeniedAndWhich() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file)
                        ? "rwx------" : "rw-------"));
            }
        }
        Cli.runAs(USER, "dump", dir).assertUserError("permission denied: " + dir.resolve("shared-state.meta")
                + " is not readable by this user");
        Cli.runAs(USER, "get", dir, "hits").assertUserError("permission denied: ");
    }

    @Test
    void aUserWhoCanReadButNotWriteIsToldPermissionDeniedForAChange() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file)
                        ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Cli.runAs(USER, "set", dir, "hits", "1").assertUserError("permission denied: "
                + dir.resolve("shared-state.meta") + " is not writable by this user");
    }

    private static int exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = Cli.readAll(process.getInputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        if (process.exitValue() != 0) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return process.exitValue();
    }
}
