package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnalysisTest {
    private final Analysis analysis = new Analysis();

    @ParameterizedTest
    @ValueSource(
            strings = {"fixed point", "fixed-point", "fixed points", "Fixed-Point", "FIXED POINTS"})
    void spellingsOfFixedPointBecomeTheSameTerms(String text) {
        assertThat(analysis.terms(SearchFields.TEXT, text)).containsExactly("fix", "point");
    }

    @Test
    void authorNamesAreNotStemmed() {
        assertThat(analysis.terms(SearchFields.AUTHORS, "Yoshua Bengio, Demis Hassabis"))
                .containsExactly("yoshua", "bengio", "demis", "hassabis");
    }
}
