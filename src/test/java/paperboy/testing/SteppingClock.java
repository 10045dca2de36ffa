package paperboy.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until the test moves it, so waits and back-offs are exact, not raced.
 */
public final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /**
     * Starts at {@code start} cut to whole microseconds: databases keep timestamps to the
     * microsecond (H2 rounds the rest), and a stored "now" that rounded up would not yet be due at
     * the same "now" read back with its nanoseconds.
     */
    public SteppingClock(Instant start) {
        this(new AtomicReference<>(start.truncatedTo(ChronoUnit.MICROS)), ZoneOffset.UTC);
    }

    private SteppingClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same time in another zone: advancing either moves both. */
    @Override
    public Clock withZone(ZoneId other) {
        return new SteppingClock(now, other);
    }
}
