package paperboy.common;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what was opened, in reverse order of opening, each exactly once, even when one of them
 * throws: a failing close is logged and the rest still close. Thread-safe.
 */
public final class Closer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private boolean closing;

    /**
     * Registers {@code resource} to be closed before everything registered earlier; returns it.
     * Once {@link #close} began, the resource is closed at once: it was opened too late to be used.
     */
    public <T extends AutoCloseable> T register(T resource) {
        synchronized (this) {
            if (!closing) {
                opened.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        return resource;
    }

    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = opened.poll();
            }
            if (next == null) {
                return;
            }
            closeQuietly(next);
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception | Error e) {
            LOG.error(
                    "closing {} failed; closing the rest", resource.getClass().getSimpleName(), e);
        }
    }
}
