package paperboy.cli;

import java.time.Duration;

/**
 * Lets a long command (embedding) stop cleanly on SIGTERM or Ctrl-C: the JVM's shutdown raises a
 * flag the command checks between steps, and waits for it to finish its current step and close what
 * it opened. A command that ran native model code when the JVM simply exited crashed it (SIGSEGV in
 * ONNX Runtime, with an hs_err file). The command is not interrupted: an interrupt in the middle of
 * an index write breaks Lucene's writer. Close it when the command ends.
 */
final class StopOnSignal implements AutoCloseable {
    /** How long the shutdown waits for the command: one embedding round, with margin. */
    static final Duration GRACE = Duration.ofSeconds(90);

    private final Thread hook;
    private volatile boolean signalled;

    /** Watches over the calling thread. */
    StopOnSignal() {
        Thread command = Thread.currentThread();
        this.hook =
                new Thread(
                        () -> {
                            signalled = true;
                            try {
                                command.join(GRACE);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "stop-" + command.getName());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True when the process was asked to stop while the command ran. */
    boolean signalled() {
        return signalled;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for this thread, which is about to end
        }
    }
}
