package paperboy.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a state instead of sleeping a fixed time: checks a condition every interval until it
 * holds, and fails saying what was awaited (and, if asked, what was seen last) when it has not held
 * by the deadline. The default deadline is generous, as a loaded CI machine is slow and a passing
 * test never waits for it; the default interval is short, so a passing test waits little longer
 * than it must. A check that throws ends the wait with its exception.
 *
 * <pre>{@code
 * Poll.until("the sign-in mail", () -> mail.getReceivedMessages().length > 0);
 * String link = Poll.value("a link mailed to " + to, () -> linkIn(mail.getReceivedMessages(), to));
 * Poll.every(Duration.ofMillis(5)).showing(() -> received() + " received")
 *         .await("a third of the digests", () -> received() >= 100);
 * }</pre>
 */
public final class Poll {
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(50);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Duration interval;
    private final Duration timeout;
    private final Supplier<?> state;

    private Poll(Duration interval, Duration timeout, Supplier<?> state) {
        if (interval.isNegative() || interval.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException(
                    "the interval must be positive and the timeout not negative, not "
                            + interval
                            + " and "
                            + timeout);
        }
        this.interval = interval;
        this.timeout = timeout;
        this.state = state;
    }

    /** Every {@link #DEFAULT_INTERVAL} up to {@link #DEFAULT_TIMEOUT}. */
    public static Poll standard() {
        return new Poll(DEFAULT_INTERVAL, DEFAULT_TIMEOUT, null);
    }

    /** Every {@code interval}, up to the default timeout. */
    public static Poll every(Duration interval) {
        return new Poll(interval, DEFAULT_TIMEOUT, null);
    }

    /** The same poll with another deadline. */
    public Poll upTo(Duration newTimeout) {
        return new Poll(interval, newTimeout, state);
    }

    /** The same poll, adding what {@code lastSeen} says at the deadline to its failure. */
    public Poll showing(Supplier<?> lastSeen) {
        return new Poll(interval, timeout, lastSeen);
    }

    /** {@link #await(String, BooleanSupplier)} with the {@link #standard()} poll. */
    public static void until(String awaited, BooleanSupplier condition) {
        standard().await(awaited, condition);
    }

    /** {@link #awaitValue(String, Supplier)} with the {@link #standard()} poll. */
    public static <T> T value(String awaited, Supplier<Optional<T>> value) {
        return standard().awaitValue(awaited, value);
    }

    /**
     * Returns once {@code condition} holds; fails naming {@code awaited} when it does not in time.
     */
    public void await(String awaited, BooleanSupplier condition) {
        awaitValue(
                awaited,
                () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    /**
     * Returns the first value {@code value} supplies; fails naming {@code awaited} when it supplies
     * none in time. The value is asked once more at the deadline, so a slow check still gets its
     * last chance.
     */
    public <T> T awaitValue(String awaited, Supplier<Optional<T>> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = value.get();
            if (found.isPresent()) {
                return found.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "waited "
                                + timeout.toMillis()
                                + " ms for "
                                + awaited
                                + ", in vain"
                                + (state == null ? "" : "; last seen: " + state.get()));
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(interval.toNanos(), left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + awaited, e);
            }
        }
    }
}
