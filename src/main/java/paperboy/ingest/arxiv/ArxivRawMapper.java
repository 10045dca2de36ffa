package paperboy.ingest.arxiv;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Paper;

/**
 * The {@code arXivRaw} format: close to arXiv's own record, with the whole version history ({@code
 * <version version="v2"><date>Tue, 24 Jul 2007 20:10:27 GMT</date>...}) and the authors as one
 * string. The paper's version is the highest listed, {@code announced} is v1's date and {@code
 * updated} the latest version's date (both submission dates, in GMT: the format has no announcement
 * dates).
 */
final class ArxivRawMapper implements MetadataMapper {
    private static final Pattern VERSION = Pattern.compile("v(\\d{1,4})");

    private record Version(int number, LocalDate date) {}

    @Override
    public Paper toPaper(XmlElement m) throws RecordRejectedException {
        ArxivId id = RecordFields.baseId(m.childText("id"));
        String title = RecordFields.title(m.childText("title"));
        List<Version> versions = versions(m);
        if (versions.isEmpty()) {
            throw new RecordRejectedException("no version history");
        }
        Version first = versions.getFirst();
        Version latest = versions.getLast();
        return RecordFields.paper(
                id,
                latest.number(),
                title,
                m.childText("abstract"),
                AuthorNames.split(m.childText("authors")),
                RecordFields.categories(m.childText("categories")),
                m.childText("comments"),
                m.childText("journal-ref"),
                m.childText("doi"),
                m.childText("license"),
                first.date(),
                latest.date());
    }

    private static List<Version> versions(XmlElement m) throws RecordRejectedException {
        List<XmlElement> elements = m.children("version");
        Version[] versions = new Version[elements.size()];
        for (int i = 0; i < versions.length; i++) {
            XmlElement v = elements.get(i);
            String label = v.attribute("version");
            Matcher matcher = VERSION.matcher(label == null ? "" : label.strip());
            if (!matcher.matches() || Integer.parseInt(matcher.group(1)) == 0) {
                throw new RecordRejectedException("unparsable version '" + label + "'");
            }
            int number = Integer.parseInt(matcher.group(1));
            versions[i] =
                    new Version(
                            number,
                            RecordFields.date(
                                    "date of v" + number,
                                    v.childText("date"),
                                    ArxivDates::rfc1123Date));
        }
        return Arrays.stream(versions).sorted(Comparator.comparingInt(Version::number)).toList();
    }
}
