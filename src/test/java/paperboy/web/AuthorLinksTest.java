package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;
import paperboy.web.Views.AuthorLink;
import paperboy.web.Views.PaperView;

/** The author links a paper's view gives its cards and its page. */
class AuthorLinksTest {
    private static PaperView view(String... authors) {
        LocalDate day = LocalDate.of(2026, 6, 30);
        return Views.paper(
                new Paper(
                        ArxivId.of("2606.00001"),
                        1,
                        "A title",
                        "An abstract.",
                        List.of(authors),
                        List.of("cs.LG"),
                        null,
                        null,
                        null,
                        null,
                        day,
                        day,
                        null,
                        null),
                null,
                null,
                null);
    }

    @Test
    void aListShowsTheSameNamesAsItsShortAuthorLineEachLinked() {
        PaperView few = view("Ada Lovelace", "Charles Babbage");
        assertThat(few.authorLinks())
                .containsExactly(
                        new AuthorLink("Ada Lovelace", "/authors/Ada%20Lovelace"),
                        new AuthorLink("Charles Babbage", "/authors/Charles%20Babbage"));
        assertThat(few.authorsShortened()).isFalse();

        PaperView many = view("A One", "B Two", "C Three", "D Four", "E Five", "F Six");
        assertThat(many.authorsShortened()).isTrue();
        assertThat(many.authorLinks())
                .extracting(AuthorLink::name)
                .containsExactly("A One", "B Two", "C Three");
        assertThat(many.authorsShort()).startsWith("A One, B Two, C Three et al.");
        assertThat(many.allAuthorLinks()).hasSize(6);
    }

    @Test
    void authorPathsEncodeTheNameAsOnePathSegment() {
        assertThat(Views.authorPath("H Günaydın")).isEqualTo("/authors/H%20G%C3%BCnayd%C4%B1n");
        assertThat(Views.authorPath("A/B ../x")).isEqualTo("/authors/A%2FB%20..%2Fx");
        assertThat(Views.authorPath("<i>Eve</i>")).isEqualTo("/authors/%3Ci%3EEve%3C%2Fi%3E");
        assertThat(Views.authorPath("C++ Team")).isEqualTo("/authors/C%2B%2B%20Team");
        assertThat(Views.authorPath("..")).isEqualTo("/authors/%2E%2E");
        assertThat(Views.authorPath("J. Smith")).isEqualTo("/authors/J.%20Smith");
        // Plain ASCII names take a short path; it must encode as URLEncoder does.
        for (String name :
                List.of("Jean-Luc Picard_2*", "O'Brien", "A~B", "Tab\tName", "x+y", "M. (Ed.)")) {
            assertThat(Views.authorPath(name))
                    .as(name)
                    .isEqualTo(
                            "/authors/"
                                    + URLEncoder.encode(name, StandardCharsets.UTF_8)
                                            .replace("+", "%20"));
        }
    }
}
