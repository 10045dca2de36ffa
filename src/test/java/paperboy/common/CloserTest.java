package paperboy.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {
    @Test
    void closesInReverseOrderOfOpeningEvenWhenOneCloseThrows() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.register(() -> closed.add("database"));
        closer.register(
                () -> {
                    closed.add("search");
                    throw new IllegalStateException("index locked");
                });
        closer.register(() -> closed.add("web"));

        closer.close();

        assertThat(closed).containsExactly("web", "search", "database");
    }

    @Test
    void closesEachPartOnce() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.register(() -> closed.add("database"));
        closer.close();
        closer.close();
        assertThat(closed).containsExactly("database");
    }

    @Test
    void aPartOpenedAfterTheCloseBeganIsClosedAtOnce() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.close();
        closer.register(() -> closed.add("late model"));
        assertThat(closed).containsExactly("late model");
    }
}
