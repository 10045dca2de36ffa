package paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.jbibtex.BibTeXDatabase;
import org.jbibtex.BibTeXEntry;
import org.jbibtex.BibTeXParser;
import org.jbibtex.Key;
import org.jbibtex.LaTeXObject;
import org.jbibtex.LaTeXParser;
import org.jbibtex.LaTeXPrinter;
import org.junit.jupiter.api.Test;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;

/**
 * BibTeX entries of real arXiv titles (the sample's, by id) read back by a BibTeX parser, with
 * every field intact and TeX's specials escaped.
 */
class BibtexTest {
    private static Paper paper(String id, String title, LocalDate day, String... authors) {
        return new Paper(
                ArxivId.of(id),
                2,
                title,
                "An abstract.",
                List.of(authors),
                List.of("cs.IT", "math.IT"),
                null,
                null,
                null,
                null,
                day,
                day,
                null,
                null);
    }

    /** The one entry of {@code bib}, parsed by jbibtex (which throws on a broken entry). */
    private static BibTeXEntry parse(String bib) throws Exception {
        BibTeXDatabase db = new BibTeXParser().parse(new StringReader(bib));
        assertThat(db.getEntries()).hasSize(1);
        return db.getEntries().values().iterator().next();
    }

    private static String field(BibTeXEntry e, String name) {
        return e.getField(new Key(name)).toUserString();
    }

    /** A field as LaTeX would print it (jbibtex's LaTeX reader): escapes undone. */
    private static String printed(BibTeXEntry e, String name) throws Exception {
        List<LaTeXObject> parsed = new LaTeXParser().parse(new StringReader(field(e, name)));
        return new LaTeXPrinter().print(parsed);
    }

    @Test
    void anEntryInArxivsStyleReadsBack() throws Exception {
        Paper p =
                paper(
                        "1211.2569",
                        "Teichmüller extremal mapping and its applications to landmark matching"
                                + " registration",
                        LocalDate.of(2012, 11, 12),
                        "LM Lui",
                        "KC Lam",
                        "ST Yau",
                        "X Gu");
        String bib = Bibtex.entry(p);
        BibTeXEntry e = parse(bib);
        assertThat(e.getType().getValue()).isEqualTo("misc");
        assertThat(e.getKey().getValue()).isEqualTo("lui2012teichmuller");
        assertThat(field(e, "title")).isEqualTo(p.title());
        assertThat(field(e, "author")).isEqualTo("LM Lui and KC Lam and ST Yau and X Gu");
        assertThat(field(e, "year")).isEqualTo("2012");
        assertThat(bib).contains("month = nov,");
        assertThat(field(e, "eprint")).isEqualTo("1211.2569");
        assertThat(field(e, "archivePrefix")).isEqualTo("arXiv");
        assertThat(field(e, "primaryClass")).isEqualTo("cs.IT");
        assertThat(field(e, "url")).isEqualTo("https://arxiv.org/abs/1211.2569");
    }

    @Test
    void texSpecialsInRealTitlesAreEscapedOutsideMathAndKeptInIt() throws Exception {
        record Case(String id, String title, String field, String printed) {}
        List<Case> cases =
                List.of(
                        new Case(
                                "1211.4294",
                                "Effect of AWGN & Fading (Raleigh & Rician) channels on BER"
                                        + " performance of a WiMAX communication System",
                                "Effect of AWGN \\& Fading (Raleigh \\& Rician) channels on BER"
                                        + " performance of a WiMAX communication System",
                                "Effect of AWGN & Fading (Raleigh & Rician) channels on BER"
                                        + " performance of a WiMAX communication System"),
                        new Case(
                                "1211.4552",
                                "A Dataset for StarCraft AI \\& an Example of Armies Clustering",
                                "A Dataset for StarCraft AI \\& an Example of Armies Clustering",
                                "A Dataset for StarCraft AI & an Example of Armies Clustering"),
                        new Case(
                                "1912.13436",
                                "30% Reach Increase via Low-complexity Hybrid HD/SD FEC",
                                "30\\% Reach Increase via Low-complexity Hybrid HD/SD FEC",
                                "30% Reach Increase via Low-complexity Hybrid HD/SD FEC"),
                        new Case(
                                "1212.6935",
                                "The ODD EVEN DELTA problem is #P-hard",
                                "The ODD EVEN DELTA problem is \\#P-hard",
                                "The ODD EVEN DELTA problem is #P-hard"),
                        new Case(
                                "2401.06133",
                                "The possibility of making \\$138,000 from shredded banknote"
                                        + " pieces using computer vision",
                                "The possibility of making \\$138,000 from shredded banknote"
                                        + " pieces using computer vision",
                                "The possibility of making $138,000 from shredded banknote"
                                        + " pieces using computer vision"),
                        new Case(
                                "2507.16116",
                                "PUSA V1.0: Surpassing Wan-I2V with $500 Training Cost by"
                                        + " Vectorized Timestep Adaptation",
                                "PUSA V1.0: Surpassing Wan-I2V with \\$500 Training Cost by"
                                        + " Vectorized Timestep Adaptation",
                                "PUSA V1.0: Surpassing Wan-I2V with $500 Training Cost by"
                                        + " Vectorized Timestep Adaptation"));
        for (Case c : cases) {
            BibTeXEntry e = parse(Bibtex.entry(paper(c.id(), c.title(), LocalDate.of(2020, 1, 2))));
            assertThat(field(e, "title")).as(c.id()).isEqualTo(c.field());
            assertThat(printed(e, "title")).as(c.id()).isEqualTo(c.printed());
        }
    }

    @Test
    void mathKeepsItsBracesAndTextBracesThatDoNotPairCannotEndTheField() throws Exception {
        String crossing =
                "The crossing numbers of $K_{n,n}-nK_2$, $K_{n}\\times P_2$, $K_{n}\\times P_3$"
                        + " and $K_n\\times C_4$";
        BibTeXEntry e =
                parse(Bibtex.entry(paper("1211.4437", crossing, LocalDate.of(2012, 11, 19))));
        assertThat(field(e, "title")).isEqualTo(crossing);
        assertThat(e.getKey().getValue()).isEqualTo("anonymous2012crossing");

        String tilde = "$γ$-soft $^{146}$Ba and the role of non-axial shapes at N ~ 90";
        e =
                parse(
                        Bibtex.entry(
                                paper(
                                        "1512.06453",
                                        tilde,
                                        LocalDate.of(2015, 12, 21),
                                        "AJ Mitchell")));
        assertThat(field(e, "title"))
                .isEqualTo(
                        "$γ$-soft $^{146}$Ba and the role of non-axial shapes at N"
                                + " \\textasciitilde{} 90");
        assertThat(e.getKey().getValue()).as("math is not a word").isEqualTo("mitchell2015soft");

        String charm = "Charm semileptonic decays and |V_{cs(d)}| from heavy clover quarks";
        e = parse(Bibtex.entry(paper("1211.4964", charm, LocalDate.of(2012, 11, 21))));
        assertThat(field(e, "title"))
                .isEqualTo("Charm semileptonic decays and |V\\_{cs(d)}| from heavy clover quarks");

        for (String hostile :
                List.of(
                        "Unclosed { brace and a closing } one }",
                        "} first {",
                        "Math $x^{2$ and $}y$ that do not pair",
                        "A \\{ lone escaped brace",
                        "Ends with a backslash \\",
                        "A comment % }} inside",
                        "@misc{evil, title={x}}")) {
            String bib = Bibtex.entry(paper("2001.00001", hostile, LocalDate.of(2020, 1, 2)));
            e = parse(bib);
            assertThat(field(e, "eprint")).as(hostile).isEqualTo("2001.00001");
            assertThat(field(e, "url")).as(hostile).isEqualTo("https://arxiv.org/abs/2001.00001");
            assertThat(bib.chars().filter(ch -> ch == '{').count())
                    .as(hostile)
                    .isEqualTo(bib.chars().filter(ch -> ch == '}').count());
        }
    }

    @Test
    void keysAreAsciiFromTheFirstAuthorsLastNameTheYearAndTheFirstWord() {
        LocalDate day = LocalDate.of(2017, 12, 12);
        assertThat(Bibtex.key(paper("1712.04139", "On the Günaydın model", day, "H Günaydın")))
                .isEqualTo("gunaydin2017gunaydin");
        assertThat(Bibtex.key(paper("1706.03762", "Attention Is All You Need", day, "A Vaswani")))
                .isEqualTo("vaswani2017attention");
        assertThat(Bibtex.key(paper("1701.00001", "A Survey", day, "John Smith Jr")))
                .isEqualTo("smith2017survey");
        assertThat(Bibtex.key(paper("1701.00002", "$\\alpha$", day, "李明")))
                .isEqualTo("anonymous2017");
    }

    @Test
    void anAuthorNamedWithTheWordAndStaysOnePerson() throws Exception {
        BibTeXEntry e =
                parse(
                        Bibtex.entry(
                                paper(
                                        "2001.00002",
                                        "Title",
                                        LocalDate.of(2020, 1, 2),
                                        "Research and Development Team",
                                        "Eve O'Neil")));
        assertThat(field(e, "author")).isEqualTo("{Research and Development Team} and Eve O'Neil");
    }
}
