package paperboy.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OaiSetsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "cs.LG, cs:cs:LG",
        "math.GT, math:math:GT",
        "stat.ML, stat:stat:ML",
        "q-bio.NC, q-bio:q-bio:NC",
        "astro-ph.CO, physics:astro-ph:CO",
        "cond-mat.mes-hall, physics:cond-mat:mes-hall",
        "cs, cs",
        "physics, physics",
        "hep-th, physics:hep-th",
        "physics:hep-th, physics:hep-th",
        "cs:cs:LG, cs:cs:LG",
    })
    void categoriesGroupsAndArchivesMapToTheirSetSpec(String given, String setSpec) {
        assertThat(OaiSets.setSpec(given)).isEqualTo(setSpec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "foo.BAR", "cs.LG cs.CV", "cs::", "hep-th/9901001"})
    void anythingElseIsRefusedWithAReason(String given) {
        assertThatThrownBy(() -> OaiSets.setSpec(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }
}
