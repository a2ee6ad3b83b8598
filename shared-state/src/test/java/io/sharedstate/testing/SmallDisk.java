package io.sharedstate.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A small tmpfs for the tests of a full disk, mounted before each test on a fresh directory ({@link #root()}) and
 * lazily unmounted after it; a test is skipped where mounting is refused (it needs root). Register it with
 * {@code @RegisterExtension final SmallDisk disk = SmallDisk.of("24m");}.
 */
public final class SmallDisk implements BeforeEachCallback, AfterEachCallback {
    private final String size;
    private Path root;
    private boolean mounted;

    private SmallDisk(String size) {
        this.size = size;
    }

    /** Returns a disk of {@code size}, as tmpfs spells it (for example "24m"). */
    public static SmallDisk of(String size) {
        return new SmallDisk(size);
    }

    /** Returns where the disk is mounted. */
    public Path root() {
        return root;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("shared-state-small-disk-");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", root.toString()) == 0;
        assumeTrue(mounted, "this test mounts a " + size + " tmpfs, which needs root (CAP_SYS_ADMIN); skipped here");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (mounted) {
            // Lazily: a closed store's files stay mapped until its mappings are garbage-collected.
            assertTrue(run("umount", "-l", root.toString()) == 0, "the tmpfs unmounts");
        }
        Files.deleteIfExists(root);
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
