package paperboy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;
import paperboy.cli.AdminCommand;
import paperboy.cli.BackupCommand;
import paperboy.cli.BenchCommand;
import paperboy.cli.DigestCommand;
import paperboy.cli.EmbedCommand;
import paperboy.cli.EvalCommand;
import paperboy.cli.ExportCommand;
import paperboy.cli.HarvestCommand;
import paperboy.cli.ImportCommand;
import paperboy.cli.ReindexCommand;
import paperboy.cli.RestoreCommand;
import paperboy.cli.SearchCommand;
import paperboy.cli.ServeCommand;
import paperboy.cli.StarsCommand;
import paperboy.cli.StatsCommand;
import paperboy.config.Setting;
import paperboy.config.Settings;
import paperboy.config.SettingsException;
import paperboy.config.SettingsLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code paperboy} command line: global options, sub-commands, and the exit-code policy. */
@Command(
        name = "paperboy",
        mixinStandardHelpOptions = true,
        version = "paperboy 0.1.0",
        description =
                "Self-hosted research-paper discovery: an arXiv catalog, search, daily feeds and"
                        + " digests.",
        subcommands = {
            ServeCommand.class,
            ImportCommand.class,
            HarvestCommand.class,
            StarsCommand.class,
            StatsCommand.class,
            SearchCommand.class,
            ReindexCommand.class,
            EmbedCommand.class,
            EvalCommand.class,
            BenchCommand.class,
            AdminCommand.class,
            DigestCommand.class,
            BackupCommand.class,
            ExportCommand.class,
            RestoreCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Settings: flag > environment (PAPERBOY_*) > config file > default. See README.md."
        })
public final class Paperboy {

    @Option(
            names = "--data-dir",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description =
                    "Directory holding everything of an embedded instance (default ./data; env"
                            + " PAPERBOY_DATA_DIR).")
    private @Nullable Path dataDir;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description =
                    "Config file (Java properties); default: paperboy.properties in the data dir if"
                            + " present.")
    private @Nullable Path configFile;

    @Option(
            names = "--db-url",
            scope = ScopeType.INHERIT,
            paramLabel = "JDBC_URL",
            description =
                    "PostgreSQL catalog, e.g. jdbc:postgresql://127.0.0.1/paperboy (env"
                            + " PAPERBOY_DB_URL); default: embedded H2 in the data dir.")
    private @Nullable String dbUrl;

    /**
     * The effective settings, with {@code commandFlags} (a sub-command's own flags) over the global
     * ones.
     */
    public Settings settings(Map<Setting, String> commandFlags) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        if (dataDir != null) {
            flags.put(Setting.DATA_DIR, dataDir.toString());
        }
        if (dbUrl != null) {
            flags.put(Setting.DB_URL, dbUrl);
        }
        flags.putAll(commandFlags);
        return new SettingsLoader(System.getenv()).load(flags, configFile);
    }

    /** Held so the setting sticks: java.util.logging keeps loggers only weakly. */
    private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");

    public static void main(String[] args) {
        // Lucene reports through java.util.logging that it uses the Vector API; that is expected,
        // not news.
        LUCENE_LOG.setLevel(Level.WARNING);
        System.exit(run(args));
    }

    /** Runs one command line; returns the exit code (0 ok, 1 failure, 2 bad usage). */
    public static int run(String... args) {
        return run(
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                args);
    }

    /** Runs one command line, printing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Paperboy());
        cli.setOut(out);
        cli.setErr(err);
        // The descriptions are written in lines of up to 100 characters; at picocli's default 80
        // each of them would break in two mid-sentence.
        cli.setUsageHelpWidth(100);
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    commandLine.getErr().println("paperboy: " + describe(e));
                    if ("1".equals(System.getenv("PAPERBOY_DEBUG"))
                            || Boolean.getBoolean("paperboy.debug")) {
                        e.printStackTrace(
                                commandLine
                                        .getErr()); // asked for: the whole story, for a bug report
                    } else if (!(e instanceof SettingsException)) {
                        commandLine.getErr().println("(PAPERBOY_DEBUG=1 shows the stack trace)");
                    }
                    return e instanceof SettingsException ? 2 : 1;
                });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** One line for the user: the message, and the root cause when it adds something. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message;
    }
}
