package paperboy.digest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;
import paperboy.daily.DailyPapers;
import paperboy.daily.FeedRow;
import paperboy.daily.Period;
import paperboy.search.PaperSearch;
import paperboy.search.SearchHit;

/**
 * Composes one subscriber's digest for a period, from the papers of that period only (so no
 * digest repeats an earlier one, and a period without papers sends nothing): the period's
 * trending papers, those that match each topic alert (through the hybrid search, containing most
 * of the alert's words, with a relevance cut-off), and those of chosen categories. Each paper
 * appears once, with every reason it is there. Multipart: plain text, and HTML with inline
 * styles and no remote images (mail clients strip style sheets and block images). Thread-safe.
 */
public final class DigestComposer {
    /** Papers per alert and per category at most. */
    static final int PER_SECTION = 10;
    /**
     * An alert keeps hits scoring at least this share of its best hit: a narrow topic with two
     * good matches sends two papers, not two and eight weak ones. (Hits must also contain most of
     * the alert's words: see {@link PaperSearch#matching}.)
     */
    static final double ALERT_CUT_OFF = 0.6;
    /** Characters of abstract shown per paper. */
    static final int SNIPPET_CHARS = 280;

    private final CatalogStore catalog;
    private final DailyPapers daily;
    private final PaperSearch search;

    public DigestComposer(CatalogStore catalog, DailyPapers daily, PaperSearch search) {
        this.catalog = catalog;
        this.daily = daily;
        this.search = search;
    }

    /**
     * A period's papers, read once for all the digests of a round (every subscriber would ask the
     * same) and only when a digest needs them. Not thread-safe: one per round.
     */
    public final class PeriodPapers {
        private final Period period;
        private List<FeedRow> rows;
        private Map<String, Paper> papers;

        private PeriodPapers(Period period) {
            this.period = period;
        }

        /** The period's papers by trending score as of its last day (the day list's order). */
        List<FeedRow> rows() {
            if (rows == null) {
                List<FeedRow> read = new ArrayList<>(daily.rows(period.start(), period.end()));
                read.sort(DailyPapers.byTrending(period.end().minusDays(1)));
                rows = List.copyOf(read);
            }
            return rows;
        }

        /** The catalog records of {@link #rows()}, by id, for their categories. */
        Map<String, Paper> papers() {
            if (papers == null) {
                papers = catalog.findAll(rows().stream().map(FeedRow::id).toList());
            }
            return papers;
        }
    }

    /** The papers of {@code period}, for {@link #compose(Subscription, PeriodPapers, String)}. */
    public PeriodPapers papersOf(Period period) {
        return new PeriodPapers(period);
    }

    /** The digest of {@code s} for {@code period}, alone; a round composes from one {@link #papersOf}. */
    public Digest compose(Subscription s, Period period, String siteUrl) {
        return compose(s, papersOf(period), siteUrl);
    }

    /**
     * The digest of {@code s} for the period of {@code of}; its {@code papers()} is 0 when there
     * is nothing new.
     */
    public Digest compose(Subscription s, PeriodPapers of, String siteUrl) {
        Period period = of.period;
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        LocalDate last = period.end().minusDays(1);
        List<FeedRow> rows = s.trendingTop() > 0 || !s.categories().isEmpty() ? of.rows() : List.of();
        for (int i = 0; i < Math.min(s.trendingTop(), rows.size()); i++) {
            reasons.computeIfAbsent(rows.get(i).id(), k -> new ArrayList<>()).add("Trending #" + (i + 1));
        }
        for (String alert : s.alerts()) {
            List<SearchHit> hits = search.matching(alert + " after:" + period.start() + " before:" + last, PER_SECTION);
            double best = hits.isEmpty() ? 0 : hits.getFirst().score();
            for (SearchHit hit : hits) {
                if (hit.score() >= ALERT_CUT_OFF * best) {
                    reasons.computeIfAbsent(hit.id(), k -> new ArrayList<>()).add("Matches your alert “" + alert + "”");
                }
            }
        }
        if (!s.categories().isEmpty()) {
            Map<String, Paper> papers = of.papers();
            for (String category : s.categories()) {
                int n = 0;
                for (FeedRow row : rows) {
                    Paper p = papers.get(row.id());
                    if (p != null && p.categories().stream().anyMatch(c -> c.equalsIgnoreCase(category)) && n++ < PER_SECTION) {
                        reasons.computeIfAbsent(row.id(), k -> new ArrayList<>()).add("New in " + category);
                    }
                }
            }
        }
        DigestLinks links = new DigestLinks(siteUrl);
        String unsubscribe = links.url(DigestLinks.Purpose.UNSUBSCRIBE, s);
        if (reasons.isEmpty()) {
            return new Digest("", "", "", 0, unsubscribe);
        }
        Map<String, Paper> papers = catalog.findAll(new ArrayList<>(reasons.keySet()));
        String subject = "Paperboy: " + reasons.size() + (reasons.size() == 1 ? " paper" : " papers") + " for "
                + period.label();
        StringBuilder text = new StringBuilder(subject).append("\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"margin:0;padding:16px;"
                + "font-family:Arial,Helvetica,sans-serif;color:#1b1f24;background:#ffffff\">"
                + "<div style=\"max-width:640px;margin:0 auto\"><h1 style=\"font-size:20px\">")
                .append(escape(subject)).append("</h1>");
        for (Map.Entry<String, List<String>> e : reasons.entrySet()) {
            Paper p = papers.get(e.getKey());
            if (p == null) {
                continue;
            }
            String url = siteUrl + "/papers/" + p.id().id();
            String why = String.join("; ", e.getValue());
            String authors = authors(p.authors());
            String snippet = Text.shorten(p.abstractText(), SNIPPET_CHARS);
            text.append("* ").append(p.title()).append('\n').append("  ").append(url).append('\n')
                    .append("  ").append(authors).append('\n').append("  Why: ").append(why).append('\n')
                    .append("  ").append(snippet).append('\n');
            if (p.codeUrl() != null) {
                text.append("  Code: ").append(p.codeUrl()).append('\n');
            }
            text.append('\n');
            html.append("<div style=\"border-top:1px solid #d8dee4;padding:12px 0\">")
                    .append("<p style=\"margin:0 0 4px;font-size:12px;color:#57606a\">").append(escape(why)).append("</p>")
                    .append("<a href=\"").append(escape(url)).append("\" style=\"font-size:16px;font-weight:bold;color:#0b57d0;"
                            + "text-decoration:none\">").append(escape(p.title())).append("</a>")
                    .append("<p style=\"margin:4px 0;font-size:13px;color:#57606a\">").append(escape(authors)).append("</p>")
                    .append("<p style=\"margin:4px 0;font-size:14px;line-height:1.45\">").append(escape(snippet)).append("</p>");
            if (p.codeUrl() != null && p.codeUrl().startsWith("http")) {
                html.append("<p style=\"margin:4px 0;font-size:13px\"><a href=\"").append(escape(p.codeUrl()))
                        .append("\" style=\"color:#0b57d0\">Code</a></p>");
            }
            html.append("</div>");
        }
        String manage = links.url(DigestLinks.Purpose.MANAGE, s);
        text.append("--\nYou get this ").append(s.cadence().key()).append(" digest from Paperboy.\nChange it: ")
                .append(manage).append("\nUnsubscribe: ").append(unsubscribe).append('\n');
        html.append("<p style=\"font-size:12px;color:#57606a;border-top:1px solid #d8dee4;padding-top:12px\">You get this ")
                .append(s.cadence().key()).append(" digest from Paperboy. <a href=\"").append(escape(manage))
                .append("\" style=\"color:#0b57d0\">Change it</a> · <a href=\"").append(escape(unsubscribe))
                .append("\" style=\"color:#0b57d0\">Unsubscribe</a></p></div></body></html>");
        return new Digest(subject, text.toString(), html.toString(), reasons.size(), unsubscribe);
    }

    private static String authors(List<String> authors) {
        return authors.size() <= 3 ? String.join(", ", authors)
                : String.join(", ", authors.subList(0, 3)) + " et al.";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
