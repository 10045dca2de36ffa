package paperboy.ingest.arxiv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthorNamesTest {

    @Test
    void commasAndTheLastAndSeparateNames() {
        assertThat(AuthorNames.split("A. Smith, B. Jones and C.-P. Yuan"))
                .containsExactly("A. Smith", "B. Jones", "C.-P. Yuan");
        assertThat(AuthorNames.split("A. Smith, B. Jones, and C. Wu"))
                .containsExactly("A. Smith", "B. Jones", "C. Wu");
    }

    @Test
    void affiliationsInParenthesesAreDroppedEvenWithCommasInside() {
        assertThat(AuthorNames.split("A. Smith (MIT, Cambridge, and Harvard), B. Jones ((1) CERN)"))
                .containsExactly("A. Smith", "B. Jones");
    }

    @Test
    void aSuffixAfterACommaStaysWithItsName() {
        assertThat(AuthorNames.split("J. Smith, Jr., A. Jones, III and B. Wu"))
                .containsExactly("J. Smith Jr.", "A. Jones III", "B. Wu");
    }

    @Test
    void lineBreaksAndNamesContainingAndSurvive() {
        assertThat(AuthorNames.split("Alexander Andersson,\n  Sandra Anand"))
                .containsExactly("Alexander Andersson", "Sandra Anand");
        assertThat(AuthorNames.split(null)).isEmpty();
    }
}
