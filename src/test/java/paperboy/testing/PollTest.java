package paperboy.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {
    @Test
    void returnsAsSoonAsTheConditionHolds() {
        AtomicInteger checks = new AtomicInteger();
        Poll.every(Duration.ofMillis(1))
                .await("the third check", () -> checks.incrementAndGet() == 3);
        assertThat(checks).hasValue(3);
    }

    @Test
    void returnsTheFirstValueSupplied() {
        AtomicInteger checks = new AtomicInteger();
        String value =
                Poll.every(Duration.ofMillis(1))
                        .awaitValue(
                                "a value",
                                () ->
                                        checks.incrementAndGet() < 2
                                                ? Optional.empty()
                                                : Optional.of("found"));
        assertThat(value).isEqualTo("found");
    }

    @Test
    void failsNamingWhatItAwaitedAndWhatItSawLastAfterOneLastCheckAtTheDeadline() {
        AtomicInteger checks = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                Poll.every(Duration.ofMillis(10))
                                        .upTo(Duration.ZERO)
                                        .showing(() -> "checked " + checks)
                                        .await(
                                                "the impossible",
                                                () -> checks.incrementAndGet() < 0))
                .isInstanceOf(AssertionError.class)
                .hasMessage("waited 0 ms for the impossible, in vain; last seen: checked 1");
    }

    @Test
    void aCheckThatThrowsEndsTheWaitWithItsException() {
        assertThatThrownBy(
                        () ->
                                Poll.until(
                                        "a broken check",
                                        () -> {
                                            throw new IllegalStateException("broken");
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("broken");
    }
}
