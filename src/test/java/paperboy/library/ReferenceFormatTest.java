package paperboy.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading what reference managers export (the files in src/test/resources/library are shaped as
 * Zotero, Mendeley and JabRef write them): every place an arXiv id hides, DOIs, titles with LaTeX,
 * and files with broken entries, which are reported while the rest is read.
 */
class ReferenceFormatTest {

    static String resource(String name) throws IOException {
        try (InputStream in = ReferenceFormatTest.class.getResourceAsStream("/library/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachFormatIsToldByItsContentNotItsName() throws IOException {
        assertThat(ReferenceFormat.detect(resource("zotero.bib")))
                .isEqualTo(ReferenceFormat.BIBTEX);
        assertThat(ReferenceFormat.detect(resource("zotero.ris"))).isEqualTo(ReferenceFormat.RIS);
        assertThat(ReferenceFormat.detect(resource("zotero.json")))
                .isEqualTo(ReferenceFormat.CSL_JSON);
        assertThat(ReferenceFormat.detect("Just some notes about papers.")).isNull();
        assertThat(ReferenceFormat.detect("")).isNull();
    }

    @Test
    void bibtexEntriesGiveTheirArxivIdsWhereverTheyAreAndABrokenOneIsReported() throws IOException {
        ReferenceFormat.Parsed parsed = ReferenceFormat.BIBTEX.parse(resource("zotero.bib"));

        assertThat(parsed.references())
                .extracting(Reference::arxivId)
                .containsExactly(
                        "2606.12852", // eprint
                        "2606.12854", // "arXiv:" in a journal made with an @string and #
                        "2606.12858", // arXiv's DOI
                        null,
                        "1706.03762",
                        null,
                        "2606.12869"); // a PDF address with a version, in \\url{}
        assertThat(parsed.references().get(3).title())
                .isEqualTo(
                        "A $q$-Analogue of the Rational Normal Curve and Linearized"
                                + " {Reed}--{Solomon} Codes");
        assertThat(parsed.references().get(2).doi()).isEqualTo("10.48550/arXiv.2606.12858");
        assertThat(parsed.references().getFirst().label())
                .as("braces are not shown")
                .isEqualTo("WISE: A Long-Horizon Agent in Minecraft with Why-Which Reasoning");
        assertThat(parsed.unreadable()).hasSize(1);
        assertThat(parsed.unreadable().getFirst())
                .isEqualTo(
                        "entry 7 (line 51): its braces do not pair (a value’s “{” is never"
                                + " closed), so it runs into the next entry");
    }

    @Test
    void risEntriesReadTheirTagsAndAValueWrappedOnTwoLines() throws IOException {
        ReferenceFormat.Parsed parsed = ReferenceFormat.RIS.parse(resource("zotero.ris"));

        assertThat(parsed.references())
                .extracting(Reference::arxivId)
                .containsExactly("2606.12871", "2606.12881", null, null);
        assertThat(parsed.references().get(2).title())
                .isEqualTo(
                        "HARNESSBRIDGE: learnable bidirectional controller for LLM agent harness");
        assertThat(parsed.references().get(3).label()).isEqualTo("The Art of Computer Programming");
        assertThat(parsed.unreadable()).isEmpty();
    }

    @Test
    void cslJsonItemsGiveIdsFromDoiNumberAndNotesAndANonItemIsReported() throws IOException {
        ReferenceFormat.Parsed parsed = ReferenceFormat.CSL_JSON.parse(resource("zotero.json"));

        assertThat(parsed.references())
                .extracting(Reference::arxivId)
                .containsExactly("2606.12883", null, "2606.13720", null);
        assertThat(parsed.references().get(3).doi()).isEqualTo("10.1109/CVPR.2016.90");
        assertThat(parsed.unreadable()).containsExactly("item 5: not an object");
    }

    @Test
    void aFileThatIsNotJsonIsUnreadableWithTheLineSaid() {
        assertThatThrownBy(() -> ReferenceFormat.CSL_JSON.parse("[{\"title\": \"x\",\n ]"))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void hostileAndOddBibtexNeverThrowsAndNeverLoops() {
        List<String> odd =
                List.of(
                        "@",
                        "@misc",
                        "@misc{",
                        "@misc{key",
                        "@misc{key, title = ",
                        "@misc{key, title = {unclosed",
                        "@misc{key, title = \"unclosed",
                        "@misc{key, = {x}}",
                        "@misc{key, title {x}}",
                        "@comment{ { unbalanced }",
                        "@string{x = }",
                        "email me @ home {",
                        "@misc(key, title = {Round}, eprint = {2606.12852})",
                        "@misc{key, title = {A} # {B} # undefinedmacro}",
                        "{".repeat(10_000) + "@misc{k, title = {x}}");
        for (String text : odd) {
            ReferenceFormat.Parsed parsed = ReferenceFormat.BIBTEX.parse(text);
            assertThat(parsed.references().size() + parsed.unreadable().size())
                    .as(text.length() > 60 ? text.substring(0, 60) : text)
                    .isLessThanOrEqualTo(2);
        }
        ReferenceFormat.Parsed round =
                ReferenceFormat.BIBTEX.parse("@misc(key, title = {Round}, eprint = {2606.12852})");
        assertThat(round.references()).extracting(Reference::arxivId).containsExactly("2606.12852");
        ReferenceFormat.Parsed joined =
                ReferenceFormat.BIBTEX.parse("@misc{key, title = {A} # { B} # undefinedmacro}");
        assertThat(joined.references().getFirst().title()).isEqualTo("A Bundefinedmacro");
    }

    @Test
    void filesBuiltToBeSlowAreReadInOnePassWithTheReportCapped() {
        // each a few MB: quadratic reading would take hours, one pass takes a moment
        ReferenceFormat.Parsed keys = ReferenceFormat.BIBTEX.parse("@a{\n".repeat(500_000));
        assertThat(keys.references()).isEmpty();
        assertThat(keys.unreadable())
                .hasSize(BibtexReader.MAX_REPORTED + 1)
                .last()
                .asString()
                .contains("499,000 more entries");
        ReferenceFormat.Parsed fields = ReferenceFormat.BIBTEX.parse("@a{k,\n".repeat(400_000));
        assertThat(fields.unreadable()).hasSize(BibtexReader.MAX_REPORTED + 1);
        ReferenceFormat.Parsed wrapped =
                ReferenceFormat.RIS.parse("TY  - JOUR\nAB  - x\n" + "y\n".repeat(2_000_000));
        assertThat(wrapped.references()).hasSize(1);
    }

    @Test
    void anUnclosedCommentIsReportedAndTheEntriesAfterItRead() {
        ReferenceFormat.Parsed parsed =
                ReferenceFormat.BIBTEX.parse(
                        "@comment{ never closed\n@misc{k, eprint = {2606.12852}}\n");
        assertThat(parsed.references())
                .extracting(Reference::arxivId)
                .containsExactly("2606.12852");
        assertThat(parsed.unreadable()).containsExactly("a @comment (line 1) never closes");
    }

    @Test
    void aDoiKeepsItsCaseAndOneWithControlCharactersIsNone() {
        assertThat(
                        ReferenceFormat.BIBTEX
                                .parse(
                                        "@misc{k, doi ="
                                            + " {https://doi.org/10.1103/PhysRevLett.116.061102}}")
                                .references()
                                .getFirst()
                                .doi())
                .isEqualTo("10.1103/PhysRevLett.116.061102");
        assertThat(
                        ReferenceFormat.BIBTEX
                                .parse("@misc{k, doi = {10.1/a\u0000b}}")
                                .references()
                                .getFirst()
                                .doi())
                .isNull();
    }

    @Test
    void titlesCompareAsWordsWhateverTheMarkup() {
        assertThat(TitleKey.of("A $q$-Analogue of the Rational Normal Curve and {Reed}--{Solomon}"))
                .isEqualTo(
                        TitleKey.of("A $q$-analogue of the rational normal curve and Reed-Solomon"))
                .isEqualTo("a q analogue of the rational normal curve and reed solomon");
        assertThat(TitleKey.of("{\\\"U}ber \\textit{Stra\\ss e} models"))
                .isEqualTo(TitleKey.of("Über Straße Models"));
        assertThat(TitleKey.of("$\\alpha$-Divergence")).isEqualTo("alpha divergence");
        assertThat(TitleKey.of("Attention is all you need"))
                .isNotEqualTo(TitleKey.of("Attention is not all you need"));
    }
}
