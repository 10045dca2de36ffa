package paperboy.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.common.OwnerOnly;
import paperboy.common.Plural;
import paperboy.config.Settings;
import paperboy.config.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code paperboy backup DIR}: a copy of an embedded instance, taken while it runs. What is in a
 * backup is said in {@link #MANIFEST}'s comment and in the README ("Running it for real").
 */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Copies the embedded instance of the data dir into DIR, also while serve runs: the",
            "catalog (H2's online backup: papers, code links, vectors, members, votes, comments,",
            "subscriptions, digests, the audit log) and paperboy.properties. The search index is",
            "not copied: restore rebuilds it. With --db-url it refuses: back PostgreSQL up with",
            "pg_dump (README, \"Running it for real\")."
        })
public final class BackupCommand implements Callable<Integer> {
    /** Names the backup and what it holds; {@code restore} reads it first. */
    static final String MANIFEST = "backup.properties";

    static final String CATALOG = "catalog.zip";
    static final String SETTINGS = "paperboy.properties";
    static final String FORMAT = "paperboy-backup 1";

    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Parameters(paramLabel = "DIR", description = "A new or empty directory.")
    private Path target;

    @Override
    public Integer call() throws IOException {
        Settings settings = root.settings(Map.of());
        if (!settings.embeddedCatalog()) {
            throw new SettingsException(
                    "backup copies an embedded catalog, and this one is PostgreSQL (db.url): back"
                            + " it up with pg_dump, as the README says (\"Running it for real\")");
        }
        Path data = settings.dataDir();
        if (!Files.exists(data.resolve("catalog").resolve("paperboy.mv.db"))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "there is no catalog in " + data.toAbsolutePath() + ": nothing to back up");
        }
        if (!empty(target)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    target
                            + " is not empty: a backup goes into a new or empty directory, it never"
                            + " overwrites one");
        }
        OwnerOnly.directory(target);
        long papers;
        try (Instance instance = Instance.of(settings)) {
            instance.database().backupEmbedded(target.resolve(CATALOG));
            papers = instance.catalog().count();
        }
        Path settingsFile = data.resolve(SETTINGS);
        boolean withSettings = Files.isRegularFile(settingsFile);
        if (withSettings) {
            Files.copy(settingsFile, target.resolve(SETTINGS));
        }
        Properties manifest = new Properties();
        manifest.setProperty("format", FORMAT);
        manifest.setProperty("created", Instant.now().toString());
        manifest.setProperty("papers", Long.toString(papers));
        manifest.setProperty("settings", Boolean.toString(withSettings));
        try (OutputStream out = Files.newOutputStream(target.resolve(MANIFEST))) {
            manifest.store(
                    out,
                    "Paperboy backup: catalog.zip is the catalog (H2 BACKUP), paperboy.properties"
                            + " the data dir's settings if it had any. Restore with: paperboy"
                            + " --data-dir NEW_DIR restore THIS_DIR");
        }
        OwnerOnly.tighten(target); // the settings may hold passwords, the catalog addresses
        spec.commandLine()
                .getOut()
                .printf(
                        "backed up %s%s to %s%n",
                        Plural.count(papers, "paper", "papers"),
                        withSettings ? " and paperboy.properties" : "",
                        target);
        return 0;
    }

    /** Absent, or a directory with nothing in it. */
    static boolean empty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        }
    }
}
