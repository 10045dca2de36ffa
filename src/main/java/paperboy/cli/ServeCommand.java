package paperboy.cli;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.Paperboy;
import paperboy.app.Instance;
import paperboy.config.Setting;
import paperboy.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code paperboy serve}: the site, the API and the scheduled arXiv harvest in one process. */
// picocli sets the injected fields (@Spec, @ParentCommand, @Mixin, required or defaulted
// options and parameters) reflectively before call(): a third-party boundary NullAway cannot see.
@SuppressWarnings("NullAway.Init")
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the site (daily/weekly/monthly papers, trending, search, paper pages, feeds),",
            "the JSON API, /healthz and /metrics and, unless --no-harvest,",
            "harvests arXiv: once at start (incremental from the last run), then daily at"
                    + " harvest.time",
            "(America/New_York, after arXiv's announcement). Without internet the site keeps"
                    + " serving;",
            "the harvester logs one line and retries later. Sends the email digests at digest.time"
                    + " in",
            "digest.zone, over SMTP (the --smtp-* flags) or as .eml files in DATA/outbox."
        })
public final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @ParentCommand private Paperboy root;

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "HTTP port (default 8080; env PAPERBOY_PORT; 0 = any free port).")
    private @Nullable Integer port;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(
            names = "--no-harvest",
            description = "Do not harvest arXiv (env PAPERBOY_HARVEST_ENABLED=false).")
    private boolean noHarvest;

    @Mixin private MailOptions mailOptions;

    @Override
    public Integer call() throws Exception {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.putAll(mailOptions.flags());
        if (port != null) {
            flags.put(Setting.PORT, port.toString());
        }
        if (noHarvest) {
            flags.put(Setting.HARVEST, "false");
        }
        Settings settings = root.settings(flags);
        LOG.info(
                "settings: data dir {}, catalog {}, harvest {} of {}",
                settings.dataDir().toAbsolutePath(),
                settings.embeddedCatalog() ? "embedded H2" : settings.dbUrlForLogs(),
                settings.harvestEnabled() ? "on" : "off",
                settings.categories());
        Instance instance = Instance.of(settings);
        // SIGTERM / Ctrl-C: stop the background work, finish requests, close the catalog cleanly,
        // all before the JVM's shutdown hooks (ONNX Runtime's frees its models' environment).
        StopSignals.install(
                () -> {
                    LOG.info("stopping");
                    instance.close();
                });
        try {
            LOG.info("mail: {}", instance.mail().describe());
            instance.harvest(); // checks harvest.categories before the site starts
            int actualPort = instance.startWeb(host, settings.port());
            LOG.info(
                    "Paperboy is serving on http://{}:{}/",
                    host.equals("0.0.0.0") ? "localhost" : host,
                    actualPort);
            instance.startBackground();
        } catch (Instance.Stopping e) {
            // asked to stop while starting: the stop closes what did start, then ends the JVM
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
        Thread.currentThread().join(); // until the JVM is asked to stop
        return 0;
    }
}
