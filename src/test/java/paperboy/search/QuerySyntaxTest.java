package paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QuerySyntaxTest {

    @Test
    void readsWordsPhrasesExclusionsAndFilters() {
        SearchQuery q =
                QuerySyntax.parse(
                        "diffusion \"fixed point\" -survey author:\"Geoffrey Hinton\""
                            + " title:attention cat:cs.LG cat:CS.CV year:2020-2023 after:2021-02-01"
                            + " before:2022 has:code");
        assertThat(q.words()).containsExactly("diffusion");
        assertThat(q.phrases()).containsExactly("fixed point");
        assertThat(q.excluded()).containsExactly("survey");
        assertThat(q.authors()).containsExactly("Geoffrey Hinton");
        assertThat(q.titleWords()).containsExactly("attention");
        assertThat(q.categories()).containsExactly("cs.lg", "cs.cv");
        assertThat(q.fromYear()).isEqualTo(2020);
        assertThat(q.toYear()).isEqualTo(2023);
        assertThat(q.after()).isEqualTo(LocalDate.of(2021, 2, 1));
        assertThat(q.before()).isEqualTo(LocalDate.of(2022, 1, 1));
        assertThat(q.hasCode()).isTrue();
    }

    @Test
    void takesAnythingThatIsNotSyntaxAsPlainWords() {
        SearchQuery q =
                QuerySyntax.parse(
                        "arXiv:2503.11731 year:soon has:pizza \"unclosed phrase AND OR (");
        assertThat(q.words())
                .containsExactly(
                        "arXiv:2503.11731", "year:soon", "has:pizza", "unclosed phrase AND OR (");
        assertThat(q.hasFilters()).isFalse();
    }

    @Test
    void cutsVeryLongInput() {
        SearchQuery q = QuerySyntax.parse("word ".repeat(5000));
        assertThat(q.words()).hasSize(QuerySyntax.MAX_QUERY_CHARS / 5);
    }
}
