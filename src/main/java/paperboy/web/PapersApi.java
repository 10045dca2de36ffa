package paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.daily.DailyPapers;
import paperboy.daily.FeedRow;
import paperboy.daily.ListOrder;
import paperboy.daily.ListedPaper;
import paperboy.daily.Listing;
import paperboy.daily.Period;
import paperboy.search.PaperSearch;
import paperboy.search.QuerySyntax;
import paperboy.search.SearchHit;
import paperboy.search.SearchQuery;
import paperboy.search.Segment;

/**
 * The JSON API, in the shape of the Hugging Face papers API ({@code /api/papers/search}, {@code
 * /api/papers/{id}}, {@code /api/daily_papers}), so its clients can point at Paperboy. Field names
 * follow Hugging Face's; {@code githubStars} is the stars of the paper's most-starred linked
 * repository, read daily ({@code paperboy stars}), or null before the first read.
 */
final class PapersApi {
    static final int DEFAULT_SEARCH_LIMIT = 20;
    static final int DEFAULT_DAILY_LIMIT = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Site site;

    PapersApi(Site site) {
        this.site = site;
    }

    static void send(Context ctx, int status, Object body) {
        try {
            ctx.status(status)
                    .contentType("application/json; charset=utf-8")
                    .result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static Map<String, Object> error(int status, @Nullable String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        return body;
    }

    /**
     * Names the corrected query when misspelled words were corrected (percent-encoded UTF-8; ASCII
     * stays as it is), so the body keeps Hugging Face's plain array.
     */
    static final String CORRECTED_QUERY = "X-Paperboy-Corrected-Query";

    /** {@code GET /api/papers/search?q=&limit=[&mode=][&sort=relevance|publishedAt][&correct=0]} */
    void search(Context ctx) {
        String q = Params.text(ctx, "q");
        if (q == null) {
            throw new BadRequest("q is required: the words to search for");
        }
        int limit = Params.integer(ctx, "limit", DEFAULT_SEARCH_LIMIT, 1, PaperSearch.MAX_LIMIT);
        String mode = Params.text(ctx, "mode");
        PaperSearch.Mode parsedMode =
                mode == null ? null : Params.parsed(() -> PaperSearch.Mode.parse(mode));
        String sort = Params.text(ctx, "sort");
        PaperSearch.Order order =
                sort == null
                        ? PaperSearch.Order.RELEVANCE
                        : Params.parsed(() -> PaperSearch.Order.parse(sort));
        boolean correct = Params.text(ctx, "correct") == null || Params.flag(ctx, "correct");
        PaperSearch.Correction correction =
                correct ? site.search().correction(q).orElse(null) : null;
        // Parsed once, for the hits and the highlights.
        SearchQuery query = correction == null ? QuerySyntax.parse(q) : correction.query();
        if (correction != null) {
            ctx.header(CORRECTED_QUERY, headerValue(correction.text()));
        }
        List<SearchHit> hits;
        if (order == PaperSearch.Order.NEWEST) {
            hits = site.search().searchByDate(query, 0, limit); // the papers that match, any mode
        } else {
            hits =
                    parsedMode == null
                            ? site.search().search(query, 0, limit)
                            : Params.parsed(
                                    () -> site.search().search(query, parsedMode, 0, limit));
        }
        PaperSearch.Highlighting highlighting = site.search().highlighting(query);
        Map<String, Double> scores = new HashMap<>();
        hits.forEach(h -> scores.put(h.id(), h.score()));
        List<Map<String, Object>> results = new ArrayList<>();
        for (ListedPaper lp : site.daily().listed(hits.stream().map(SearchHit::id).toList())) {
            Paper p = lp.paper();
            FeedRow row = lp.feed();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("paper", paper(p, row, false));
            r.put("title", p.title());
            r.put("summary", p.abstractText());
            r.put("publishedAt", publishedAt(p.announced()));
            r.put("numComments", row.comments());
            r.put("highlightedTitle", segments(highlighting.apply(p.title())));
            r.put("highlightedSummary", segments(highlighting.apply(p.abstractText())));
            r.put("score", scores.get(p.id().id()));
            results.add(r);
        }
        send(ctx, 200, results);
    }

    /** {@code GET /api/papers/{id}}: a flat paper object. */
    void paper(Context ctx) {
        String raw = ctx.pathParam("id");
        ArxivId id;
        try {
            id = ArxivId.parse(raw);
        } catch (InvalidArxivIdException e) {
            throw new BadRequest("'" + raw + "' is not an arXiv id: " + e.getMessage());
        }
        Paper p =
                site.catalog()
                        .find(id)
                        .orElseThrow(() -> new NotFound("no paper " + id.withoutVersion().id()));
        FeedRow row = site.daily().rowsOf(List.of(p.id().id())).get(p.id().id());
        send(ctx, 200, paper(p, row, true));
    }

    /** {@code GET /api/daily_papers?date=|week=|month=&submitter=&sort=&p=&limit=} */
    void daily(Context ctx) {
        String date = Params.text(ctx, "date");
        String week = Params.text(ctx, "week");
        String month = Params.text(ctx, "month");
        int given = (date == null ? 0 : 1) + (week == null ? 0 : 1) + (month == null ? 0 : 1);
        if (given > 1) {
            throw new BadRequest("give at most one of date, week and month");
        }
        Period period;
        if (date != null) {
            period = Params.parsed(() -> Period.Day.parse(date));
        } else if (week != null) {
            period = Params.parsed(() -> Period.Week.parse(week));
        } else if (month != null) {
            period = Params.parsed(() -> Period.Month.parse(month));
        } else {
            period = site.daily().latestDay().<Period>map(Period.Day::new).orElse(null);
        }
        String sort = Params.text(ctx, "sort");
        ListOrder order =
                sort == null ? ListOrder.CURATED_FIRST : Params.parsed(() -> ListOrder.ofApi(sort));
        int limit = Params.integer(ctx, "limit", DEFAULT_DAILY_LIMIT, 1, DailyPapers.MAX_LIMIT);
        int page = Params.integer(ctx, "p", 0, 0, 100_000);
        String submitter = Params.text(ctx, "submitter");
        if (period == null) {
            send(ctx, 200, List.of());
            return;
        }
        Listing listing = site.daily().list(period, order, submitter, page * limit, limit);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ListedPaper lp : listing.papers()) {
            Paper p = lp.paper();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("paper", paper(p, lp.feed(), false));
            r.put("publishedAt", publishedAt(p.announced()));
            r.put("title", p.title());
            r.put("summary", p.abstractText());
            r.put("numComments", lp.feed().comments());
            r.put(
                    "submittedBy",
                    lp.feed().submittedBy() == null
                            ? null
                            : Map.of(
                                    "name",
                                    lp.feed().submittedBy(),
                                    "fullname",
                                    lp.feed().submittedBy()));
            r.put("isFeatured", lp.feed().featured());
            rows.add(r);
        }
        ctx.header("X-Total-Count", Integer.toString(listing.total()));
        send(ctx, 200, rows);
    }

    static Map<String, Object> paper(Paper p, @Nullable FeedRow row, boolean flat) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id().id());
        m.put("title", p.title());
        m.put("summary", p.abstractText());
        m.put("authors", p.authors().stream().map(a -> Map.of("name", a)).toList());
        m.put("publishedAt", publishedAt(p.announced()));
        m.put("upvotes", row == null ? 0 : row.upvotes());
        m.put("githubRepo", Views.webUrl(p.codeUrl()));
        m.put("githubStars", row == null ? null : row.githubStars());
        m.put("projectPage", Views.webUrl(p.projectUrl()));
        m.put("categories", p.categories());
        if (flat) {
            m.put("numComments", row == null ? 0 : row.comments());
            m.put(
                    "submittedBy",
                    row == null || row.submittedBy() == null
                            ? null
                            : Map.of("name", row.submittedBy()));
        }
        return m;
    }

    private static List<Map<String, String>> segments(List<Segment> segments) {
        return segments.stream()
                .map(s -> Map.of("type", s.highlight() ? "highlight" : "text", "text", s.text()))
                .toList();
    }

    /** {@code text} percent-encoded (UTF-8) where it is not printable ASCII, and its {@code %}. */
    static String headerValue(String text) {
        StringBuilder value = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '%') {
                value.append((char) c);
            } else {
                value.append('%').append(String.format("%02X", c));
            }
        }
        return value.toString();
    }

    /** Announcement day at midnight UTC, in Hugging Face's format (ISO 8601 with milliseconds). */
    static String publishedAt(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"));
    }
}
