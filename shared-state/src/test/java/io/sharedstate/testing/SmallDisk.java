package io.sharedstate.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small tmpfs for the tests of a full disk: mounted on a test's directory (as root), filled, lazily unmounted. */
public final class SmallDisk {
    private SmallDisk() {
    }

    /** Mounts a tmpfs of {@code size} (for example "24m") on {@code mountPoint}; returns false if refused. */
    public static boolean mount(Path mountPoint, String size) throws IOException, InterruptedException {
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mountPoint.toString()) == 0;
    }

    /**
     * Unmounts it lazily, since a closed store's files stay mapped until its mappings are garbage-collected;
     * returns whether umount succeeded.
     */
    public static boolean unmount(Path mountPoint) throws IOException, InterruptedException {
        return run("umount", "-l", mountPoint.toString()) == 0;
    }

    /** Writes {@code filler} until the disk is full. */
    public static void fill(Path filler) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw e;
            }
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(OutputStream.nullOutputStream());
        return process.waitFor();
    }
}
