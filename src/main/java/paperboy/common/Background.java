package paperboy.common;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background threads of one feature (the harvest, the index follower and embedder, the
 * digests), and their orderly stop: every scheduler stops the same way, and a later database-backed
 * scheduler for several nodes has one place to come in. Daemon threads, so a forgotten one never
 * keeps the JVM alive. Thread-safe.
 */
public final class Background implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    /**
     * How long {@link #close} waits for a task in progress: a harvest page or an embedding batch.
     */
    public static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final String name;
    private final ScheduledThreadPoolExecutor executor;
    private final boolean interruptOnStop;

    /**
     * Threads whose task in progress {@link #stop} interrupts: a harvest waiting out arXiv's pause,
     * an embedding batch.
     *
     * @param name the threads' name, also used in log lines
     */
    public Background(String name, int threads) {
        this(name, threads, true);
    }

    private Background(String name, int threads, boolean interruptOnStop) {
        this.name = name;
        this.interruptOnStop = interruptOnStop;
        this.executor =
                new ScheduledThreadPoolExecutor(
                        threads,
                        r -> {
                            Thread t = new Thread(r, name);
                            t.setDaemon(true);
                            return t;
                        });
        // once stopping, a task waiting for its turn never starts (shutdownNow drops it anyway)
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Threads whose task in progress {@link #stop} lets end instead of interrupting it: for work on
     * files through NIO channels, such as writing the Lucene index. An interrupt there closes the
     * channel under the writer, which invalidates the index's lock and fails its close (a node
     * stopped mid catch-up logged exactly that). Such a task must end soon by itself: it checks
     * {@link #stopping} between its steps.
     */
    public static Background uninterrupted(String name, int threads) {
        return new Background(name, threads, false);
    }

    /** Runs {@code task} now, then again {@code every} after each run ends. */
    public void repeat(Duration first, Duration every, Runnable task) {
        if (!executor.isShutdown()) {
            // The future is not kept: each task catches and logs its own failures, and stop() ends
            // every task through the executor.
            ScheduledFuture<?> unused =
                    executor.scheduleWithFixedDelay(
                            task, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs {@code task} once after {@code delay}; nothing once stopping. */
    public void after(Duration delay, Runnable task) {
        if (!executor.isShutdown()) {
            // Not kept either, for the same reasons as in repeat().
            ScheduledFuture<?> unused =
                    executor.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** True once {@link #close} began: a loop should not schedule its next round. */
    public boolean stopping() {
        return executor.isShutdown();
    }

    /**
     * Stops scheduling, interrupts the task in progress (unless {@link #uninterrupted}) and waits
     * up to {@link #STOP_WAIT} for it to end.
     *
     * @return false when a task still runs (its caller must then not free what that task uses)
     */
    public boolean stop() {
        if (interruptOnStop) {
            executor.shutdownNow();
        } else {
            executor.shutdown();
        }
        try {
            if (executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn(
                    "{}: the task in progress did not stop within {} s",
                    name,
                    STOP_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        stop();
    }
}
