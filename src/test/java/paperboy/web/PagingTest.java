package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PagingTest {
    @Test
    void anAbsentOrBlankPageIsTheFirst() {
        assertThat(Paging.parse(null)).isEqualTo(1);
        assertThat(Paging.parse("  ")).isEqualTo(1);
        assertThat(Paging.parse(" 7 ")).isEqualTo(7);
        assertThat(Paging.parse("10000")).isEqualTo(Paging.MAX_PAGE);
    }

    @Test
    void whatIsNoPageNumberIsABadRequestThatSaysSo() {
        for (String bad : new String[] {"0", "-1", "abc", "99999999999999", "1.5", "10001", "²"}) {
            assertThatThrownBy(() -> Paging.parse(bad))
                    .as(bad)
                    .isInstanceOf(BadRequest.class)
                    .hasMessage("page must be a whole number from 1 to 10,000, not '" + bad + "'");
        }
    }

    @Test
    void aListHasAtLeastOnePage() {
        assertThat(Paging.pages(0, 50)).isEqualTo(1);
        assertThat(Paging.pages(50, 50)).isEqualTo(1);
        assertThat(Paging.pages(51, 50)).isEqualTo(2);
        assertThat(Paging.pages(300, 50)).isEqualTo(6);
    }

    @Test
    void aPagePastTheLastIsNotFoundAndLinksToTheLast() {
        Paging.within(6, 6, n -> "/x?page=" + n); // the last page is there
        assertThatThrownBy(() -> Paging.within(999, 6, n -> "/x?page=" + n))
                .isInstanceOfSatisfying(
                        NotFound.class,
                        e -> {
                            assertThat(e.getMessage())
                                    .isEqualTo("There is no page 999: this list has 6 pages.");
                            assertThat(e.onwards()).isNotNull();
                            assertThat(e.onwards().href()).isEqualTo("/x?page=6");
                        });
        assertThatThrownBy(() -> Paging.within(2, 1, n -> "/x"))
                .hasMessage("There is no page 2: this list has 1 page.");
    }
}
