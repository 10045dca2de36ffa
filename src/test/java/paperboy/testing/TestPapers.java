package paperboy.testing;

import java.time.LocalDate;
import java.util.List;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;

/** Small catalog papers for site tests: one version, one author, cs.LG, announced on a day. */
public final class TestPapers {
    private TestPapers() {}

    /** A cs.LG paper by Ada Lovelace, announced and updated on {@code day}, without links. */
    public static Paper paper(String id, String title, String abstractText, LocalDate day) {
        return new Paper(
                ArxivId.of(id),
                1,
                title,
                abstractText,
                List.of("Ada Lovelace"),
                List.of("cs.LG"),
                null,
                null,
                null,
                null,
                day,
                day,
                null,
                null);
    }
}
