package paperboy.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import paperboy.testing.SteppingClock;

class RateLimiterTest {
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-07-01T12:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(10), clock);

    @Test
    void retryAfterIsWhenTheOldestEventInTheWindowLeavesIt() {
        assertThat(limiter.retryAfter("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isTrue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.retryAfter("a")).as("may act again? not yet").hasMinutes(7);
        assertThat(limiter.tryAcquire("a")).isFalse();
        assertThat(limiter.retryAfter("b")).as("per key").isZero();

        clock.advance(Duration.ofMinutes(7));
        assertThat(limiter.retryAfter("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.retryAfter("a")).hasMinutes(3);
    }
}
