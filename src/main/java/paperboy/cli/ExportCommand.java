package paperboy.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.common.OwnerOnly;
import paperboy.portability.CommunityExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy export FILE}: the community's data, for leaving or moving an instance. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Writes the community's data to FILE as JSON lines (gzip when FILE ends in .gz):"
                    + " members",
            "(address, public name, role, standing), submissions, featured and hidden papers,",
            "upvotes, comments (hidden and deleted ones marked), the audit log and digest",
            "subscriptions. Not sessions, sign-in links or the digest outbox; not the",
            "subscriptions' link secrets unless --with-secrets. paperboy import FILE reads it back",
            "into a catalog that has no community data yet. The papers are not in it: import",
            "arXiv's dumps or harvest on the new instance."
        })
public final class ExportCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Parameters(paramLabel = "FILE", description = "A new file.")
    private Path file;

    @Option(
            names = "--with-secrets",
            description =
                    "Keep the subscriptions' link secrets, so that links in digest mail already"
                            + " sent keep working after a move between two instances you run."
                            + " Treat the file like a password then.")
    private boolean withSecrets;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(file)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), file + " exists: an export never overwrites a file");
        }
        CommunityExport.Counts counts;
        try {
            counts = export();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file); // half an export would look whole to an import
            throw e;
        }
        spec.commandLine().getOut().printf("exported %s to %s%n", counts.describe(), file);
        return 0;
    }

    private CommunityExport.Counts export() throws IOException {
        CommunityExport.Counts counts;
        Files.createFile(file);
        // addresses (and, asked for, secrets): readable by the owner only before anything is in it
        OwnerOnly.file(file);
        try (Instance instance = Instance.of(root.settings(Map.of()));
                OutputStream raw = Files.newOutputStream(file, StandardOpenOption.WRITE);
                OutputStream maybeZipped =
                        file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
                Writer out =
                        new BufferedWriter(
                                new OutputStreamWriter(maybeZipped, StandardCharsets.UTF_8))) {
            counts =
                    new CommunityExport(instance.database().dataSource())
                            .write(out, withSecrets, Instant.now());
        }
        return counts;
    }
}
