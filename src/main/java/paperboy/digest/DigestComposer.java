package paperboy.digest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;
import paperboy.daily.DailyPapers;
import paperboy.daily.FeedRow;
import paperboy.daily.Period;
import paperboy.recommend.Recommender;
import paperboy.recommend.Taste;
import paperboy.recommend.Tastes;
import paperboy.search.PaperSearch;
import paperboy.search.SearchHit;

/**
 * Composes one subscriber's digest for a period, from the papers of that period only (so no digest
 * repeats an earlier one, and a period without papers sends nothing): the period's trending papers,
 * those that match each topic alert (through the hybrid search, containing most of the alert's
 * words, with a relevance cut-off), and those of chosen categories. Each paper appears once, with
 * every reason it is there. A subscriber who is a member (the same address) and has liked papers
 * also gets a "Recommended for you" part first: the period's papers picked for them as on their
 * "For you" page, each with its reason. Multipart: plain text, and HTML with inline styles and no
 * remote images (mail clients strip style sheets and block images), both rendered by jte templates
 * ({@link DigestTemplates}) from one {@link DigestMail}. Thread-safe.
 */
public final class DigestComposer {
    /** Papers per alert and per category at most. */
    static final int PER_SECTION = 10;

    /**
     * An alert keeps hits scoring at least this share of its best hit: a narrow topic with two good
     * matches sends two papers, not two and eight weak ones. (Hits must also contain most of the
     * alert's words: see {@link PaperSearch#matching}.)
     */
    static final double ALERT_CUT_OFF = 0.6;

    /** Papers in the "Recommended for you" part at most: the best few, not a second list. */
    static final int RECOMMENDED = 5;

    /** Characters of abstract shown per paper. */
    static final int SNIPPET_CHARS = 280;

    private final CatalogStore catalog;
    private final DailyPapers daily;
    private final PaperSearch search;
    private final Recommender recommender;
    private final Tastes tastes;
    private final DigestTemplates templates = new DigestTemplates();

    public DigestComposer(
            CatalogStore catalog,
            DailyPapers daily,
            PaperSearch search,
            Recommender recommender,
            Tastes tastes) {
        this.catalog = catalog;
        this.daily = daily;
        this.search = search;
        this.recommender = recommender;
        this.tastes = tastes;
    }

    /**
     * A period's papers, read once for all the digests of a round (every subscriber would ask the
     * same) and only when a digest needs them. Not thread-safe: one per round.
     */
    public final class PeriodPapers {
        private final Period period;
        private @Nullable List<FeedRow> rows; // read on first use
        private @Nullable Map<String, Paper> papers; // read on first use

        private PeriodPapers(Period period) {
            this.period = period;
        }

        /** The period's papers by trending score as of its last day (the day list's order). */
        List<FeedRow> rows() {
            List<FeedRow> sorted = rows;
            if (sorted == null) {
                List<FeedRow> read = new ArrayList<>(daily.rows(period.start(), period.end()));
                read.sort(DailyPapers.byTrending(period.end().minusDays(1)));
                sorted = List.copyOf(read);
                rows = sorted;
            }
            return sorted;
        }

        /** The catalog records of {@link #rows()}, by id, for their categories. */
        Map<String, Paper> papers() {
            Map<String, Paper> found = papers;
            if (found == null) {
                found = catalog.findAll(rows().stream().map(FeedRow::id).toList());
                papers = found;
            }
            return found;
        }
    }

    /** The papers of {@code period}, for {@link #compose(Subscription, PeriodPapers, String)}. */
    public PeriodPapers papersOf(Period period) {
        return new PeriodPapers(period);
    }

    /**
     * The digest of {@code s} for {@code period}, alone; a round composes from one {@link
     * #papersOf}.
     */
    public Digest compose(Subscription s, Period period, String siteUrl) {
        return compose(s, papersOf(period), siteUrl);
    }

    /**
     * The digest of {@code s} for the period of {@code of}; its {@code papers()} is 0 when there is
     * nothing new.
     */
    public Digest compose(Subscription s, PeriodPapers of, String siteUrl) {
        Period period = of.period;
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        LocalDate last = period.end().minusDays(1);
        List<FeedRow> rows =
                s.trendingTop() > 0 || !s.categories().isEmpty() ? of.rows() : List.of();
        for (int i = 0; i < Math.min(s.trendingTop(), rows.size()); i++) {
            reasons.computeIfAbsent(rows.get(i).id(), k -> new ArrayList<>())
                    .add("Trending #" + (i + 1));
        }
        for (String alert : s.alerts()) {
            List<SearchHit> hits =
                    search.matching(
                            alert + " after:" + period.start() + " before:" + last, PER_SECTION);
            double best = hits.isEmpty() ? 0 : hits.getFirst().score();
            for (SearchHit hit : hits) {
                if (hit.score() >= ALERT_CUT_OFF * best) {
                    reasons.computeIfAbsent(hit.id(), k -> new ArrayList<>())
                            .add("Matches your alert “" + alert + "”");
                }
            }
        }
        if (!s.categories().isEmpty()) {
            Map<String, Paper> papers = of.papers();
            for (String category : s.categories()) {
                int n = 0;
                for (FeedRow row : rows) {
                    Paper p = papers.get(row.id());
                    if (p != null
                            && p.categories().stream().anyMatch(c -> c.equalsIgnoreCase(category))
                            && n++ < PER_SECTION) {
                        reasons.computeIfAbsent(row.id(), k -> new ArrayList<>())
                                .add("New in " + category);
                    }
                }
            }
        }
        // the recommended part comes first; a paper there also keeps its other reasons
        Map<String, List<String>> recommended = new LinkedHashMap<>();
        for (Recommender.Recommendation r : recommendedFor(s, period)) {
            List<String> why = new ArrayList<>();
            why.add("Close to “" + r.becauseTitle() + "”, " + r.source().words());
            List<String> also = reasons.remove(r.paperId());
            if (also != null) {
                why.addAll(also);
            }
            recommended.put(r.paperId(), why);
        }
        DigestLinks links = new DigestLinks(siteUrl);
        String unsubscribe = links.url(DigestLinks.Purpose.UNSUBSCRIBE, s);
        int count = reasons.size() + recommended.size();
        if (count == 0) {
            return new Digest("", "", "", 0, unsubscribe);
        }
        List<String> ids = new ArrayList<>(recommended.keySet());
        ids.addAll(reasons.keySet());
        Map<String, Paper> papers = catalog.findAll(ids);
        String subject =
                "Paperboy: "
                        + count
                        + (count == 1 ? " paper" : " papers")
                        + " for "
                        + period.label();
        DigestMail mail =
                new DigestMail(
                        subject,
                        entries(recommended, papers, siteUrl),
                        entries(reasons, papers, siteUrl),
                        siteUrl + "/for-you",
                        s.cadence().key(),
                        links.url(DigestLinks.Purpose.MANAGE, s),
                        unsubscribe);
        return new Digest(subject, templates.text(mail), templates.html(mail), count, unsubscribe);
    }

    private static List<DigestMail.Entry> entries(
            Map<String, List<String>> reasons, Map<String, Paper> papers, String siteUrl) {
        List<DigestMail.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : reasons.entrySet()) {
            Paper p = papers.get(e.getKey());
            if (p != null) {
                entries.add(
                        new DigestMail.Entry(
                                p.title(),
                                siteUrl + "/papers/" + p.id().id(),
                                authors(p.authors()),
                                String.join("; ", e.getValue()),
                                Text.shorten(p.abstractText(), SNIPPET_CHARS),
                                p.codeUrl()));
            }
        }
        return entries;
    }

    /** The member's picks among the period's papers, when the subscriber is a member who likes. */
    private List<Recommender.Recommendation> recommendedFor(Subscription s, Period period) {
        OptionalLong member =
                s.recommended() ? tastes.memberWithEmail(s.email()) : OptionalLong.empty();
        if (member.isEmpty()) {
            return List.of();
        }
        Taste taste = tastes.of(member.getAsLong());
        return taste.isEmpty()
                ? List.of()
                : recommender.recommend(taste, period, RECOMMENDED).papers().stream()
                        .filter(Recommender.Recommendation::accepted)
                        .toList();
    }

    private static String authors(List<String> authors) {
        return authors.size() <= 3
                ? String.join(", ", authors)
                : String.join(", ", authors.subList(0, 3)) + " et al.";
    }
}
