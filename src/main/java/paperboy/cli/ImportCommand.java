package paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.config.Settings;
import paperboy.ingest.ImportProgress;
import paperboy.ingest.ImportReport;
import paperboy.ingest.Importer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code paperboy import PATH...}: bulk dumps into the catalog. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Imports dump files into the catalog; the format is told from the content, plain or"
                    + " .gz:",
            "  - arXiv's bulk metadata snapshot (JSON lines, arxiv-metadata-oai-snapshot.json),",
            "  - Papers with Code's links-between-papers-and-code.json (code repository links),",
            "  - a community export written by paperboy export (into a catalog without community",
            "    data only; refused otherwise, and then nothing is imported).",
            "Code and project-page links written in abstracts and comments are picked up too.",
            "Idempotent: importing the same files again changes nothing; newer versions update.",
            "Afterwards the search index catches up, so the papers are searchable at once.",
            "Bad records are reported with file:line and the rest imported.",
            "Exit code: 0 when every file was read, 1 when some file could not be read."
        })
public final class ImportCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @ParentCommand private Paperboy root;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Dump files to import.")
    private List<Path> files;

    @Option(
            names = "--json",
            description = "Print the closing report as one JSON object on stdout.")
    private boolean json;

    @Option(
            names = "--progress",
            paramLabel = "MODE",
            defaultValue = "auto",
            description =
                    "auto (a bar on a terminal, log lines otherwise), bar, log or none. Default:"
                            + " ${DEFAULT-VALUE}.")
    private String progressMode;

    @Override
    public Integer call() throws Exception {
        ImportProgress progress =
                switch (progressMode) {
                    case "bar" -> ImportProgress.bar(System.err);
                    case "log" -> ImportProgress.log();
                    case "none" -> ImportProgress.silent();
                    case "auto" ->
                            Terminal.isInteractive()
                                    ? ImportProgress.bar(System.err)
                                    : ImportProgress.log();
                    default ->
                            throw new CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "--progress must be auto, bar, log or none, not '"
                                            + progressMode
                                            + "'");
                };
        ImportReport report;
        Settings settings = root.settings(Map.of());
        try (Instance instance = Instance.of(settings)) {
            // a community export is read first and whole: refused, nothing at all is imported
            List<Path> dumps = new ArrayList<>();
            for (Path file : files) {
                if (CommunityFiles.isExport(file)) {
                    spec.commandLine()
                            .getOut()
                            .printf(
                                    "%s: community data: %s%n",
                                    file, CommunityFiles.read(instance, file).describe());
                } else {
                    dumps.add(file);
                }
            }
            if (dumps.isEmpty()) {
                return 0;
            }
            Importer importer = new Importer(instance.catalog(), instance.codeLinks());
            report = importer.importFiles(dumps, progress);
            // Make what came in searchable now, not at the next search or start of serve.
            instance.searchUpToDate();
        }
        if (json) {
            spec.commandLine()
                    .getOut()
                    .println(
                            new ObjectMapper()
                                    .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                                    .writeValueAsString(report.toMap()));
        } else {
            spec.commandLine().getOut().print(report.format());
        }
        return report.unreadableFiles().isEmpty() ? 0 : 1;
    }
}
