package paperboy.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * How each kind of background stops: the default interrupts the task in progress (a harvest waiting
 * out arXiv's pause ends at once), the uninterrupted kind lets it end (a Lucene write must not be
 * interrupted), and neither starts a task that was only waiting for its turn.
 */
class BackgroundTest {

    @Test
    void theDefaultInterruptsTheTaskInProgress() throws Exception {
        Background background = new Background("test", 1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        background.after(Duration.ZERO, () -> sleepAfter(started, interrupted, 10_000));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(background.stop()).isTrue();

        assertThat(interrupted).isTrue();
    }

    @Test
    void theUninterruptedKindLetsTheTaskEndAndStartsNoOther() throws Exception {
        Background background = Background.uninterrupted("test", 1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicInteger later = new AtomicInteger();
        background.after(Duration.ZERO, () -> sleepAfter(started, interrupted, 300));
        background.after(Duration.ofMillis(100), later::incrementAndGet);
        background.repeat(Duration.ofMillis(100), Duration.ofMillis(100), later::incrementAndGet);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(background.stop()).as("the task ended within the wait").isTrue();

        assertThat(interrupted).as("the task slept its 300 ms undisturbed").isFalse();
        assertThat(later).as("tasks due after the stop began never ran").hasValue(0);
        assertThat(background.stopping()).isTrue();
    }

    private static void sleepAfter(CountDownLatch started, AtomicBoolean interrupted, long millis) {
        started.countDown();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            interrupted.set(true);
        }
    }
}
