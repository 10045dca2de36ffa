package paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import paperboy.app.Instance;
import paperboy.testing.SharedData;
import paperboy.testing.TestSettings;

/**
 * The data dir holds the catalog (sign-in and digest-link secrets), H2's lock file (the key to its
 * auto-server) and mail: only its owner may read it, and H2's auto-server answers on loopback only
 * (issue 13, finding 10).
 */
class PrivateDataDirTest {
    private static final Set<PosixFilePermission> DIRECTORY =
            PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE =
            PosixFilePermissions.fromString("rw-------");

    @TempDir Path dir;

    @Test
    void aNewDataDirAndEverythingPaperboyWritesInItAreTheOwnersOnly() throws Exception {
        Path data = dir.resolve("data");
        run(data, "import", "--progress", "none", sample().toString());
        run(data, "search", "--json", "--mode", "lexical", "learning");

        assertThat(data.resolve("catalog/paperboy.mv.db")).exists();
        assertThat(data.resolve("index/write.lock")).exists();
        assertOwnerOnly(data);
    }

    @Test
    void anExistingDataDirIsMadeTheOwnersOnlyWhenOpened() throws Exception {
        Path data = dir.resolve("data");
        run(data, "import", "--progress", "none", sample().toString());
        loosen(data); // as a Paperboy before this fix (or a umask of 022) left it

        run(data, "search", "--json", "--mode", "lexical", "learning");
        assertOwnerOnly(data);
    }

    @Test
    void theEmbeddedCatalogsAutoServerListensOnLoopbackOnlyAndItsLockFileIsPrivate()
            throws Exception {
        Path data = dir.resolve("data");
        try (Instance instance = Instance.of(TestSettings.of(data, Map.of()))) {
            assertThat(instance.catalog().count()).isZero(); // opens the catalog, as serve does
            Path lock = data.resolve("catalog/paperboy.lock.db");
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(lock)) {
                props.load(in);
            }
            String server = props.getProperty("server"); // where a second process connects
            assertThat(server).as("the address H2 published").startsWith("localhost:");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

            assertThat(listeners(port))
                    .as("addresses listening on port %d (/proc/net/tcp and tcp6)", port)
                    .containsExactly("127.0.0.1");
            assertThat(Files.getPosixFilePermissions(lock)).as("the key's file").isEqualTo(FILE);

            // The server is the catalog, and loopback reaches it (as `import` beside `serve`).
            try (Connection c =
                            DriverManager.getConnection(
                                    "jdbc:h2:tcp://127.0.0.1:" + port + "/" + props.get("id"));
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM papers")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    /** The local addresses of sockets listening on {@code port}, IPv4 and IPv6 (Linux). */
    private static List<String> listeners(int port) throws Exception {
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) { // after the heading
                String[] f = line.strip().split("\\s+");
                String[] local = f[1].split(":");
                boolean listening = f[3].equals("0A");
                if (listening && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /**
     * A /proc/net/tcp address: 8 hex digits (IPv4) or 32 (IPv6), each 32-bit word in the host's
     * (little-endian) order. An IPv4 address mapped into IPv6 (a dual-stack socket bound to an IPv4
     * address) reads as that IPv4 address.
     */
    private static String address(String hex) throws Exception {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int at = 2 * (word + 3 - i);
                bytes[word + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes).getHostAddress();
    }

    private void run(Path data, String... args) throws Exception {
        Path config = dir.resolve("paperboy.properties");
        if (!Files.exists(config)) {
            Files.writeString(config, "search.model=none\n");
        }
        List<String> all =
                new ArrayList<>(
                        List.of("--data-dir", data.toString(), "--config", config.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** The first 20 papers of the sample. */
    private Path sample() throws Exception {
        Path file = dir.resolve("papers.json");
        List<String> lines = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(
                                        Files.newInputStream(SharedData.arxivParts().getFirst())),
                                StandardCharsets.UTF_8))) {
            for (int i = 0; i < 20; i++) {
                lines.add(in.readLine());
            }
        }
        return Files.write(file, lines);
    }

    private static void loosen(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(
                        p,
                        PosixFilePermissions.fromString(
                                Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void assertOwnerOnly(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                Set<PosixFilePermission> perms =
                        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                assertThat(perms)
                        .as(root.relativize(p).toString())
                        .isEqualTo(Files.isDirectory(p) ? DIRECTORY : FILE);
            }
        }
    }
}
