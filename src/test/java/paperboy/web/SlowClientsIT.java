package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import paperboy.app.Instance;
import paperboy.config.Setting;
import paperboy.testing.Poll;
import paperboy.testing.TestSettings;

/**
 * Clients that send their request bodies a byte at a time (issue 13, finding 3): hundreds of them
 * must neither stop the site nor stay connected, and an upload the client gives up on is one quiet
 * line in the log, not an error with a stack trace.
 */
class SlowClientsIT {
    /** More than the server has threads (250): each one held a thread while its body trickled. */
    private static final int TRICKLERS = 500;

    /** The one timed assertion: a liveness bound, generous on purpose. */
    private static final Duration LIVENESS = Duration.ofSeconds(1);

    private static final Duration TRICKLE_EVERY = Duration.ofSeconds(2);

    /** How long the probe watches /healthz while the bodies trickle. */
    private static final Duration WATCH = Duration.ofSeconds(15);

    @TempDir static Path dir;

    private static Instance instance;
    private static int port;

    @BeforeAll
    static void start() {
        instance =
                Instance.of(
                        TestSettings.of(dir, Map.of(Setting.SITE_URL, "http://paperboy.test")),
                        Instance.Options.defaults()
                                .withPageReuse(Duration.ZERO)
                                .withArxivLookup(id -> Optional.empty()));
        port = instance.startWeb("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void bodiesSentAByteAtATimeNeitherStopTheSiteNorStayConnected() throws Exception {
        List<ILoggingEvent> logged = new ArrayList<>();
        Captured log = Captured.warnings(logged);
        try {
            List<Socket> tricklers = new ArrayList<>();
            try {
                for (int i = 0; i < TRICKLERS; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.getOutputStream()
                            .write(
                                    ("POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                    + "Content-Type:"
                                                    + " application/x-www-form-urlencoded\r\n"
                                                    + "Content-Length: 1000\r\n\r\ne")
                                            .getBytes(StandardCharsets.US_ASCII));
                    tricklers.add(s);
                }
                AtomicBoolean watching = new AtomicBoolean(true);
                CompletableFuture<List<String>> probe =
                        CompletableFuture.supplyAsync(() -> probeHealth(watching));
                long end = System.nanoTime() + WATCH.toNanos();
                while (System.nanoTime() < end && !probe.isDone()) {
                    for (Socket s : tricklers) {
                        trickle(s);
                    }
                    Thread.sleep(TRICKLE_EVERY.toMillis());
                }
                watching.set(false);
                assertThat(probe.get())
                        .as("/healthz answers within %s while the bodies trickle", LIVENESS)
                        .isEmpty();
                long dropped = tricklers.stream().filter(SlowClientsIT::droppedByServer).count();
                assertThat(dropped)
                        .as("connections the server dropped for sending too slowly")
                        .isEqualTo(TRICKLERS);
            } finally {
                for (Socket s : tricklers) {
                    s.close();
                }
            }
            Thread.sleep(500); // what the server logs about the last of them
        } finally {
            log.close();
        }
        assertThat(logged)
                .as("warnings and errors while slow clients came and went")
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    @Test
    void anUploadTheClientAbandonsIsOneQuietLine() throws Exception {
        List<ILoggingEvent> logged = new ArrayList<>();
        List<ILoggingEvent> quiet = new ArrayList<>();
        Captured warnings = Captured.warnings(logged);
        Captured lines = Captured.of("paperboy.web", Level.DEBUG, quiet);
        try {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream()
                        .write(
                                ("POST /signin HTTP/1.1\r\n"
                                     + "Host: 127.0.0.1\r\n"
                                     + "Content-Type: application/x-www-form-urlencoded\r\n"
                                     + "Content-Length: 1000\r\n\r\n"
                                     + "email=half")
                                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Thread.sleep(200);
            }
            Poll.until(
                    "a line about the abandoned upload",
                    () -> Captured.copy(quiet).stream().anyMatch(e -> mentionsSignIn(e)));
        } finally {
            lines.close();
            warnings.close();
        }
        assertThat(logged).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        assertThat(Captured.copy(quiet))
                .filteredOn(SlowClientsIT::mentionsSignIn)
                .hasSize(1)
                .allSatisfy(
                        e -> {
                            assertThat(e.getLevel().isGreaterOrEqual(Level.WARN)).isFalse();
                            assertThat(e.getThrowableProxy()).isNull();
                        });
    }

    private static boolean mentionsSignIn(ILoggingEvent e) {
        return e.getFormattedMessage().contains("/signin");
    }

    /** Failures of the probe; empty when every answer came in time. */
    private static List<String> probeHealth(AtomicBoolean watching) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(LIVENESS).build();
        List<String> failures = new ArrayList<>();
        int probes = 0;
        while (watching.get() && probes++ < 200) {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                            .timeout(LIVENESS)
                            .build();
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    failures.add("status " + r.statusCode());
                }
                Thread.sleep(100);
            } catch (IOException e) {
                failures.add(e.toString());
                return failures; // once is enough: the site stopped answering
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failures;
            }
        }
        return failures;
    }

    private static void trickle(Socket s) {
        try {
            OutputStream out = s.getOutputStream();
            out.write('x');
            out.flush();
        } catch (IOException e) {
            // dropped by the server: what the test waits for
        }
    }

    /** Whether the server answered (a 408) or closed the connection. */
    private static boolean droppedByServer(Socket s) {
        try {
            s.setSoTimeout(20); // a dropped connection has its answer and its end waiting
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // the answer, then the end of the stream
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false; // still connected
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Log events of one logger from one level up, while open. */
    private record Captured(Logger logger, ListAppender<ILoggingEvent> appender, Level level) {

        static Captured warnings(List<ILoggingEvent> into) {
            return of(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.WARN, into);
        }

        static Captured of(String name, Level level, List<ILoggingEvent> into) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            ListAppender<ILoggingEvent> appender =
                    new ListAppender<>() {
                        @Override
                        protected void append(ILoggingEvent e) {
                            if (e.getLevel().isGreaterOrEqual(level)) {
                                synchronized (into) {
                                    into.add(e);
                                }
                            }
                        }
                    };
            appender.start();
            Captured c = new Captured(logger, appender, logger.getLevel());
            if (!name.equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
                logger.setLevel(level);
            }
            logger.addAppender(appender);
            return c;
        }

        static List<ILoggingEvent> copy(List<ILoggingEvent> events) {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        void close() {
            logger.detachAppender(appender);
            if (!logger.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
                logger.setLevel(level);
            }
        }
    }
}
