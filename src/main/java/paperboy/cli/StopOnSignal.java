package paperboy.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a long command (embedding) stop cleanly on SIGTERM or Ctrl-C: the signal raises a flag the
 * command checks between steps, and the process waits for it to finish its current step and close
 * what it opened before the JVM exits ({@link StopSignals}). A command that ran native model code
 * when the JVM simply exited crashed it (SIGSEGV in ONNX Runtime, with an hs_err file). The command
 * is not interrupted: an interrupt in the middle of an index write breaks Lucene's writer. Close it
 * when the command ends.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the stop waits for the command: one embedding round, with margin. */
    static final Duration GRACE = Duration.ofSeconds(90);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final StopSignals signals;
    private volatile boolean signalled;

    StopOnSignal() {
        this.signals = StopSignals.install(this::stopAndWait);
    }

    private void stopAndWait() {
        signalled = true;
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when the process was asked to stop while the command ran. */
    boolean signalled() {
        return signalled;
    }

    @Override
    public void close() {
        finished.countDown();
        signals.close();
    }
}
