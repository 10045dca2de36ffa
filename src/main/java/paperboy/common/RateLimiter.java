package paperboy.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code limit} events per key within a sliding {@code window} (e.g. 3 sign-in mails per
 * address per hour). In memory, per process: with several web nodes each enforces its own share.
 * Thread-safe.
 */
public final class RateLimiter implements Limit {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> events = new HashMap<>();

    public RateLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Records an event for {@code key} and returns true, or returns false when the key is over its
     * limit.
     */
    @Override
    public synchronized boolean tryAcquire(String key) {
        Instant now = clock.instant();
        Deque<Instant> recent = events.computeIfAbsent(key, k -> new ArrayDeque<>());
        forget(recent, now);
        if (recent.size() >= limit) {
            return false;
        }
        recent.addLast(now);
        if (events.size() > 100_000) {
            events.values().removeIf(Deque::isEmpty); // keys seen once long ago
        }
        return true;
    }

    /**
     * How long until {@code key} may act again (when its oldest event in the window leaves it);
     * zero when it may now. For a {@code Retry-After} header.
     */
    @Override
    public synchronized Duration retryAfter(String key) {
        Deque<Instant> recent = events.get(key);
        if (recent == null) {
            return Duration.ZERO;
        }
        Instant now = clock.instant();
        forget(recent, now);
        if (recent.size() < limit) {
            return Duration.ZERO;
        }
        return Duration.between(now, recent.peekFirst().plus(window));
    }

    private void forget(Deque<Instant> recent, Instant now) {
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
            recent.pollFirst();
        }
    }
}
