package paperboy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.catalog.Database;
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

/** {@code paperboy restore DIR}: a {@link BackupCommand backup} into a new data dir. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Puts a backup made by paperboy backup into the data dir, which must hold no catalog",
            "yet (restore never overwrites one), then builds the search index from it. Start",
            "serve on that data dir afterwards."
        })
public final class RestoreCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Parameters(paramLabel = "DIR", description = "A directory written by paperboy backup.")
    private Path source;

    @Override
    public Integer call() throws IOException {
        Settings settings = root.settings(Map.of());
        if (!settings.embeddedCatalog()) {
            throw new SettingsException(
                    "restore fills an embedded catalog, and db.url names PostgreSQL: restore a"
                            + " pg_dump with pg_restore, as the README says (\"Running it for"
                            + " real\")");
        }
        Properties manifest = manifest();
        Path data = settings.dataDir();
        if (Files.exists(data.resolve("catalog"))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    data.toAbsolutePath()
                            + " already holds a catalog: restore into a new data dir (--data-dir),"
                            + " or move this one away first; nothing was changed");
        }
        OwnerOnly.directory(data);
        Database.restoreEmbedded(source.resolve(BackupCommand.CATALOG), data);
        Path settingsFile = source.resolve(BackupCommand.SETTINGS);
        if (Files.isRegularFile(settingsFile)
                && !Files.exists(data.resolve("paperboy.properties"))) {
            Files.copy(settingsFile, data.resolve("paperboy.properties"));
            OwnerOnly.file(data.resolve("paperboy.properties"));
        }
        long start = System.nanoTime();
        // read again: the restored paperboy.properties may name another model or categories
        try (Instance instance = Instance.of(root.settings(Map.of()))) {
            instance.searchUpToDate();
            spec.commandLine()
                    .getOut()
                    .printf(
                            "restored %s (backed up %s) into %s; search index built in %.1f s%n",
                            Plural.count(instance.catalog().count(), "paper", "papers"),
                            manifest.getProperty("created", "at an unknown time"),
                            data,
                            (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    private Properties manifest() throws IOException {
        Path file = source.resolve(BackupCommand.MANIFEST);
        if (!Files.isRegularFile(file)
                || !Files.isRegularFile(source.resolve(BackupCommand.CATALOG))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    source
                            + " is not a backup: it lacks "
                            + BackupCommand.MANIFEST
                            + " or "
                            + BackupCommand.CATALOG
                            + " (written by paperboy backup)");
        }
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            manifest.load(in);
        }
        if (!BackupCommand.FORMAT.equals(manifest.getProperty("format"))) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    source
                            + " holds a backup of format '"
                            + manifest.getProperty("format")
                            + "'; this Paperboy reads '"
                            + BackupCommand.FORMAT
                            + "'");
        }
        return manifest;
    }
}
