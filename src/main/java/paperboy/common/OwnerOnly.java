package paperboy.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files only their owner may read or write: directories 0700, files 0600. The data dir holds the
 * catalog (with the secrets of sign-in and digest links), H2's lock file (with the key to its
 * auto-server) and mail, and another account on the machine must read none of it. On a file system
 * without POSIX permissions (Windows) these do nothing.
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);

    public static final Set<PosixFilePermission> DIRECTORY =
            PosixFilePermissions.fromString("rwx------");
    public static final Set<PosixFilePermission> FILE =
            PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {}

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates {@code dir} (and missing parents) owner-only, or makes an existing one so; its
     * contents are left as they are (see {@link #tree}).
     *
     * @throws UncheckedIOException when it cannot be created
     */
    public static Path directory(Path dir) {
        create(dir);
        tighten(dir, false, true);
        return dir;
    }

    /**
     * Creates {@code dir} owner-only, or makes an existing one and everything under it so (links
     * are not followed), logging how many entries it changed; one that cannot be changed (another
     * account's) is a warning, not a failure.
     *
     * @throws UncheckedIOException when it cannot be created
     */
    public static Path tree(Path dir) {
        create(dir);
        tighten(dir, true, true);
        return dir;
    }

    /** Makes {@code root} and everything under it owner-only, if it exists; see {@link #tree}. */
    public static void tighten(Path root) {
        tighten(root, true, true);
    }

    private static void create(Path dir) {
        try {
            if (posix(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Makes a file just created owner-only, quietly (a writer's own new file). */
    public static void file(Path file) {
        tighten(file, false, false);
    }

    private static void tighten(Path root, boolean deep, boolean reportChanges) {
        if (!posix(root) || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Tightening walk = new Tightening();
        try {
            Files.walkFileTree(root, Set.of(), deep ? Integer.MAX_VALUE : 0, walk);
        } catch (IOException e) {
            walk.failed(root, e);
        }
        if (reportChanges && walk.changed > 0) {
            LOG.info(
                    "{}: made {} {} readable by the owner only",
                    root,
                    walk.changed,
                    walk.changed == 1 ? "entry" : "entries");
        }
        if (walk.firstFailure != null) {
            LOG.warn(
                    "{}: cannot make {} readable by the owner only ({}); check who owns them",
                    root,
                    walk.failures == 1 ? "one entry" : walk.failures + " entries",
                    walk.firstFailure);
        }
    }

    /**
     * A walk that sets each entry's permissions, counting what it changed and what it could not.
     */
    private static final class Tightening extends SimpleFileVisitor<Path> {
        int changed;
        int failures;
        @Nullable String firstFailure;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            restrict(dir, DIRECTORY);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isDirectory()) { // the root of a walk of depth 0
                restrict(file, DIRECTORY);
            } else if (attrs.isRegularFile()) {
                restrict(file, FILE);
            } // links and the like keep their own
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            failed(file, e);
            return FileVisitResult.CONTINUE;
        }

        private void restrict(Path path, Set<PosixFilePermission> wanted) {
            try {
                if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)
                        .equals(wanted)) {
                    Files.setPosixFilePermissions(path, wanted);
                    changed++;
                }
            } catch (IOException e) {
                failed(path, e);
            }
        }

        void failed(Path path, IOException e) {
            if (e instanceof NoSuchFileException) {
                return; // gone while we walked (a merged index segment): nothing to protect
            }
            failures++;
            if (firstFailure == null) {
                firstFailure = path + ": " + e;
            }
        }
    }
}
