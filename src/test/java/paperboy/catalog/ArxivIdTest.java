package paperboy.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArxivIdTest {

    @ParameterizedTest(name = "{0} -> {1} v{2}")
    @CsvSource({
        "2503.11731,                                            2503.11731,       0",
        "2503.11731v2,                                          2503.11731,       2",
        "0704.0001,                                             0704.0001,        0",
        "1412.9999v10,                                          1412.9999,        10",
        "arXiv:2503.11731,                                      2503.11731,       0",
        "ARXIV:2503.11731v3,                                    2503.11731,       3",
        "'  2503.11731  ',                                      2503.11731,       0",
        "hep-th/9901001,                                        hep-th/9901001,   0",
        "math.GT/0309136v1,                                     math.GT/0309136,  1",
        "math.gt/0309136,                                       math.GT/0309136,  0",
        "arXiv:hep-th/9901001v2,                                hep-th/9901001,   2",
        "https://arxiv.org/abs/2503.11731,                      2503.11731,       0",
        "https://arxiv.org/abs/2503.11731v2,                    2503.11731,       2",
        "http://arxiv.org/abs/hep-th/9901001,                   hep-th/9901001,   0",
        "https://arxiv.org/pdf/2503.11731,                      2503.11731,       0",
        "https://arxiv.org/pdf/2503.11731v1.pdf,                2503.11731,       1",
        "https://arxiv.org/pdf/2503.11731.pdf,                  2503.11731,       0",
        "arxiv.org/abs/2503.11731,                              2503.11731,       0",
        "https://www.arxiv.org/abs/2503.11731?context=cs,       2503.11731,       0",
        "https://export.arxiv.org/abs/math.GT/0309136v1,        math.GT/0309136,  1",
        "https://arxiv.org/html/2503.11731v1,                   2503.11731,       1",
        "https://huggingface.co/papers/2503.11731,              2503.11731,       0",
        "https://www.alphaxiv.org/abs/2503.11731,               2503.11731,       0",
        "https://ar5iv.labs.arxiv.org/html/2503.11731,          2503.11731,       0",
        "https://www.semanticscholar.org/arxiv/2503.11731,      2503.11731,       0",
        "https://arxiv-sanity-lite.com/?rank=pid&pid=2503.11731, 2503.11731,      0",
        "https://doi.org/10.48550/arXiv.2503.11731,             2503.11731,       0",
        "https://paperswithcode.com/paper/arxiv:2503.11731,     2503.11731,       0",
    })
    void parsesEveryFormUsersPaste(String input, String id, int version) {
        ArxivId parsed = ArxivId.parse(input);
        assertThat(parsed.id()).isEqualTo(id);
        assertThat(parsed.version()).isEqualTo(version);
        assertThat(parsed.withoutVersion().toString()).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                   | no arXiv id given",
                "hello world                          | is not an arXiv id",
                "2513.11731                           | month 13 does not exist",
                "2503.1173                            | 5 digits",
                "1203.12345                           | 4 digits",
                "0612.0001                            | start in April 2007",
                "foo-bar/9901001                      | unknown archive 'foo-bar'",
                "hep-th/5501001                       | run from 1991 to 2007",
                "2503.11731v0                         | impossible version",
                "https://example.com/abs/2503.11731   | does not name an arXiv paper",
                "https://arxiv.org/list/cs.LG/recent  | does not contain an arXiv id",
                "2503.11731.pdf                       | is not an arXiv id",
            })
    void rejectsAnythingElseSayingWhatIsWrong(String input, String message) {
        assertThatThrownBy(() -> ArxivId.parse(input))
                .isInstanceOf(InvalidArxivIdException.class)
                .hasMessageContaining(message);
    }

    @Test
    void printsAsArxivWritesItAndLinksToAbsAndPdf() {
        ArxivId id = ArxivId.parse("https://arxiv.org/pdf/2503.11731v2");
        assertThat(id).hasToString("2503.11731v2");
        assertThat(id.absUrl()).isEqualTo("https://arxiv.org/abs/2503.11731v2");
        assertThat(id.withoutVersion().pdfUrl()).isEqualTo("https://arxiv.org/pdf/2503.11731");
        assertThat(ArxivId.parse("hep-th/9901001").isOldStyle()).isTrue();
    }

    @Test
    void catalogKeysRefuseVersions() {
        assertThatThrownBy(() -> ArxivId.of("2503.11731v2"))
                .hasMessageContaining("without version");
        assertThat(ArxivId.of("2503.11731")).isEqualTo(ArxivId.parse("arXiv:2503.11731"));
    }

    @Test
    void sortsOldStyleBeforeNewStyleAndNewStyleChronologically() {
        assertThat(
                        Stream.of("2503.11731", "hep-th/9901001", "0704.0001", "1501.00001")
                                .map(ArxivId::parse)
                                .sorted()
                                .map(ArxivId::toString)
                                .toList())
                .containsExactly("hep-th/9901001", "0704.0001", "1501.00001", "2503.11731");
    }
}
