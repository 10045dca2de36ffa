package paperboy.ingest;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.common.Plural;

/**
 * Shows how far an import is: a redrawn bar with rate and ETA on a terminal, a log line every
 * {@link #LOG_EVERY} records otherwise. Called from the importer's writer thread only.
 */
public abstract sealed class ImportProgress {
    /** Records between two progress log lines when output is not a terminal. */
    static final long LOG_EVERY = 10_000;

    private final long startNanos = System.nanoTime();

    /** A bar on {@code out} (a terminal), redrawn at most five times a second. */
    public static ImportProgress bar(PrintStream out) {
        return new Bar(out);
    }

    /** Log lines through SLF4J. */
    public static ImportProgress log() {
        return new Log();
    }

    /** Nothing at all (tests, library use). */
    public static ImportProgress silent() {
        return new Silent();
    }

    abstract void update(long records, long bytesDone, long bytesTotal);

    abstract void finish(long records);

    double ratePerSecond(long records) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        return seconds <= 0 ? 0 : records / seconds;
    }

    String eta(long bytesDone, long bytesTotal) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (bytesDone <= 0 || bytesDone >= bytesTotal) {
            return "0:00";
        }
        long left = Math.round(seconds * (bytesTotal - bytesDone) / bytesDone);
        return String.format("%d:%02d", left / 60, left % 60);
    }

    private static final class Bar extends ImportProgress {
        private static final int WIDTH = 30;
        private final PrintStream out;
        private long lastDrawNanos;

        Bar(PrintStream out) {
            this.out = out;
        }

        @Override
        void update(long records, long bytesDone, long bytesTotal) {
            long now = System.nanoTime();
            if (now - lastDrawNanos < 200_000_000L) {
                return;
            }
            lastDrawNanos = now;
            double fraction = bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesDone / bytesTotal);
            int filled = (int) Math.round(fraction * WIDTH);
            out.printf(
                    "\r[%s%s] %3d%%  %s  %,.0f/s  ETA %s ",
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    Math.round(fraction * 100),
                    Plural.count(records, "record", "records"),
                    ratePerSecond(records),
                    eta(bytesDone, bytesTotal));
            out.flush();
        }

        @Override
        void finish(long records) {
            out.printf(
                    "\r[%s] 100%%  %s  %,.0f/s%s%n",
                    "#".repeat(WIDTH),
                    Plural.count(records, "record", "records"),
                    ratePerSecond(records),
                    " ".repeat(12));
            out.flush();
        }
    }

    private static final class Log extends ImportProgress {
        private static final Logger LOG = LoggerFactory.getLogger(ImportProgress.class);
        private long nextLogAt = LOG_EVERY;

        @Override
        void update(long records, long bytesDone, long bytesTotal) {
            if (records < nextLogAt) {
                return;
            }
            nextLogAt = (records / LOG_EVERY + 1) * LOG_EVERY;
            long percent = bytesTotal <= 0 ? 0 : Math.round(100.0 * bytesDone / bytesTotal);
            LOG.info(
                    "import: {} written ({}%, {}/s, ETA {})",
                    Plural.count(records, "record", "records"),
                    percent,
                    String.format("%,.0f", ratePerSecond(records)),
                    eta(bytesDone, bytesTotal));
        }

        @Override
        void finish(long records) {
            LOG.info(
                    "import: done, {} ({}/s)",
                    Plural.count(records, "record", "records"),
                    String.format("%,.0f", ratePerSecond(records)));
        }
    }

    private static final class Silent extends ImportProgress {
        @Override
        void update(long records, long bytesDone, long bytesTotal) {}

        @Override
        void finish(long records) {}
    }
}
