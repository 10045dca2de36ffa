package paperboy.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CatalogStore;
import paperboy.catalog.Paper;
import paperboy.common.RateLimiter;
import paperboy.community.AccessTokens;
import paperboy.community.Member;
import paperboy.daily.DailyPapers;
import paperboy.daily.FeedRow;
import paperboy.daily.ListOrder;
import paperboy.daily.ListedPaper;
import paperboy.daily.Listing;
import paperboy.daily.Period;
import paperboy.library.LibraryStore;
import paperboy.recommend.Recommender;
import paperboy.recommend.Taste;
import paperboy.recommend.Tastes;
import paperboy.search.PaperSearch;
import paperboy.search.QuerySyntax;
import paperboy.search.SearchHit;

/**
 * The tools assistants call: {@code paper_search} (as Hugging Face's MCP server names it), {@code
 * paper_get}, {@code papers_list}, {@code papers_similar}, and with a member's personal access
 * token {@code library_list}, {@code library_add} and {@code papers_for_you}. Each declares a JSON
 * schema for its arguments (the SDK refuses arguments that do not fit it); what the schema cannot
 * say (an id that is no arXiv id, an unknown paper, a date that does not parse) is answered as a
 * tool error with what to do, never an exception. On a private site every tool needs a token.
 */
public final class PaperTools {
    private static final Logger LOG = LoggerFactory.getLogger(PaperTools.class);

    /** Where a paper an assistant added came from, in the library. */
    static final String SOURCE = "mcp";

    private static final int SUMMARY_CHARS = 400;

    private final CatalogStore catalog;
    private final DailyPapers daily;
    private final PaperSearch search;
    private final LibraryStore library;
    private final Recommender recommender;
    private final Tastes tastes;
    private final AccessTokens tokens;
    private final Supplier<String> baseUrl;
    private final boolean privateSite;
    private final @Nullable Semaphore searching;
    private final @Nullable RateLimiter searchesPerClient;

    /**
     * @param baseUrl the site's public address, for the papers' links
     * @param privateSite whether only members may read ({@code site.private}): then every tool
     *     needs a token
     * @param searchesAtOnce searches (paper_search, papers_similar) running at once, as the site's
     *     {@code site.searches-at-once}; 0 = no limit
     * @param searchesPerMinute searches one client address may start a minute, as the site's {@code
     *     site.searches-per-minute}; 0 = no limit
     */
    public PaperTools(
            CatalogStore catalog,
            DailyPapers daily,
            PaperSearch search,
            LibraryStore library,
            Recommender recommender,
            Tastes tastes,
            AccessTokens tokens,
            Supplier<String> baseUrl,
            boolean privateSite,
            int searchesAtOnce,
            int searchesPerMinute,
            Clock clock) {
        this.searching = searchesAtOnce > 0 ? new Semaphore(searchesAtOnce) : null;
        this.searchesPerClient =
                searchesPerMinute > 0
                        ? new RateLimiter(searchesPerMinute, Duration.ofMinutes(1), clock)
                        : null;
        this.catalog = catalog;
        this.daily = daily;
        this.search = search;
        this.library = library;
        this.recommender = recommender;
        this.tastes = tastes;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
        this.privateSite = privateSite;
    }

    /** A tool's answer to a call that cannot be done, with why. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Handler {
        CallToolResult call(Map<String, Object> arguments, @Nullable Member member);
    }

    List<SyncToolSpecification> specifications(McpJsonMapper json) {
        return List.of(
                tool(
                        json,
                        "paper_search",
                        "Search papers",
                        "Search the papers of this Paperboy (arXiv) by words and meaning. Query"
                                + " syntax: words; \\\"quoted phrases\\\"; -excluded;"
                                + " author:hinton or author:\\\"geoffrey hinton\\\";"
                                + " title:diffusion; cat:cs.LG; year:2024 or year:2020-2023;"
                                + " after:2025-01-01; before:2025-06-30; has:code.",
                        """
                        {"type":"object","properties":{
                          "query":{"type":"string","minLength":1,"maxLength":2000,
                                   "description":"what to search for, in the query syntax"},
                          "limit":{"type":"integer","minimum":1,"maximum":50,"default":10},
                          "mode":{"type":"string","enum":["hybrid","lexical","semantic"],
                                  "description":"hybrid (default) uses words and meaning"}},
                         "required":["query"],"additionalProperties":false}\
                        """,
                        false,
                        this::paperSearch),
                tool(
                        json,
                        "paper_get",
                        "Get a paper",
                        "One paper by its arXiv id (2401.00001, arXiv:2401.00001v2, an arxiv.org"
                                + " address): title, authors, abstract, dates, categories, links,"
                                + " code and upvotes.",
                        """
                        {"type":"object","properties":{
                          "id":{"type":"string","minLength":1,"maxLength":2000}},
                         "required":["id"],"additionalProperties":false}\
                        """,
                        false,
                        this::paperGet),
                tool(
                        json,
                        "papers_list",
                        "List a day's, week's or month's papers",
                        "The papers of a day, an ISO week or a month, as the site's Daily, Weekly"
                                + " and Monthly pages list them: curated first (members'"
                                + " submissions and featured papers by upvotes), or by trending"
                                + " score, or newest first. Without a date, the latest.",
                        """
                        {"type":"object","properties":{
                          "period":{"type":"string","enum":["day","week","month"]},
                          "date":{"type":"string","maxLength":20,
                                  "description":"2026-06-30 (day), 2026-W27 (week) or 2026-06 (month); a day also names its week and month"},
                          "sort":{"type":"string","enum":["curated","trending","newest"],"default":"curated"},
                          "limit":{"type":"integer","minimum":1,"maximum":100,"default":20}},
                         "required":["period"],"additionalProperties":false}\
                        """,
                        false,
                        this::papersList),
                tool(
                        json,
                        "papers_similar",
                        "Find similar papers",
                        "Papers closest in meaning to one paper, as its page lists them.",
                        """
                        {"type":"object","properties":{
                          "id":{"type":"string","minLength":1,"maxLength":2000},
                          "limit":{"type":"integer","minimum":1,"maximum":20,"default":5}},
                         "required":["id"],"additionalProperties":false}\
                        """,
                        false,
                        this::papersSimilar),
                tool(
                        json,
                        "library_list",
                        "List my library",
                        "The papers in the library of the member whose personal access token the"
                                + " client sends (Authorization: Bearer), newest first.",
                        """
                        {"type":"object","properties":{
                          "limit":{"type":"integer","minimum":1,"maximum":500,"default":100}},
                         "additionalProperties":false}\
                        """,
                        true,
                        this::libraryList),
                tool(
                        json,
                        "library_add",
                        "Add a paper to my library",
                        "Saves a paper to the library of the member whose personal access token"
                                + " the client sends (Authorization: Bearer).",
                        """
                        {"type":"object","properties":{
                          "id":{"type":"string","minLength":1,"maxLength":2000}},
                         "required":["id"],"additionalProperties":false}\
                        """,
                        true,
                        this::libraryAdd),
                tool(
                        json,
                        "papers_for_you",
                        "Papers for me",
                        "A week's papers picked for the member whose personal access token the"
                                + " client sends (Authorization: Bearer), as their For you page"
                                + " ranks them from what they saved, upvoted and imported; each"
                                + " with the paper of theirs it is closest to. Without a week,"
                                + " the latest.",
                        """
                        {"type":"object","properties":{
                          "week":{"type":"string","maxLength":20,
                                  "description":"an ISO week like 2026-W27, or a day in it like 2026-06-30"},
                          "limit":{"type":"integer","minimum":1,"maximum":50,"default":10}},
                         "additionalProperties":false}\
                        """,
                        true,
                        this::papersForYou));
    }

    private SyncToolSpecification tool(
            McpJsonMapper json,
            String name,
            String title,
            String description,
            String schema,
            boolean membersOnly,
            Handler handler) {
        Tool tool = Tool.builder(name, json, schema).title(title).description(description).build();
        return SyncToolSpecification.builder()
                .tool(tool)
                .callHandler(
                        (exchange, request) -> call(name, membersOnly, handler, exchange, request))
                .build();
    }

    private CallToolResult call(
            String name,
            boolean membersOnly,
            Handler handler,
            McpSyncServerExchange exchange,
            CallToolRequest request) {
        try {
            Member member = member(exchange);
            if (member == null && (membersOnly || privateSite)) {
                return error(
                        (privateSite ? "This Paperboy is private: " : "")
                                + "send a member's personal access token as 'Authorization:"
                                + " Bearer <token>' (issued on the site's settings page).");
            }
            Map<String, Object> arguments =
                    request.arguments() == null ? Map.of() : request.arguments();
            if (!SEARCHES.contains(name)) {
                return handler.call(arguments, member);
            }
            return withinSearchLimits(exchange, () -> handler.call(arguments, member));
        } catch (Refusal | IllegalArgumentException | DateTimeParseException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("mcp: the tool {} failed", name, e);
            return error("The tool failed on the server; its log says why.");
        }
    }

    /** The tools that search: each runs a query (and may embed it) on the site's cores. */
    private static final Set<String> SEARCHES = Set.of("paper_search", "papers_similar");

    /**
     * Runs a search within the site's search limits, per client address a minute and at once: the
     * servlet sits beside the routes, so the site's own limits do not see these requests.
     */
    private CallToolResult withinSearchLimits(
            McpSyncServerExchange exchange, Supplier<CallToolResult> search) {
        RateLimiter perClient = searchesPerClient;
        Object client = exchange.transportContext().get(McpEndpoint.CLIENT);
        if (perClient != null && !perClient.tryAcquire(String.valueOf(client))) {
            return error(
                    "Too many searches from your address: try again in "
                            + Math.max(1, perClient.retryAfter(String.valueOf(client)).toSeconds())
                            + " s.");
        }
        Semaphore atOnce = searching;
        if (atOnce != null && !atOnce.tryAcquire()) {
            return error("The site is answering as many searches as it can: try again shortly.");
        }
        try {
            return search.get();
        } finally {
            if (atOnce != null) {
                atOnce.release();
            }
        }
    }

    /** A tool error: the client's assistant reads the message and can correct its call. */
    private static CallToolResult error(@Nullable String message) {
        return CallToolResult.builder()
                .addTextContent(message == null ? "The call was refused." : message)
                .isError(true)
                .build();
    }

    private @Nullable Member member(McpSyncServerExchange exchange) {
        Object header = exchange.transportContext().get(McpEndpoint.AUTHORIZATION);
        String token = AccessTokens.bearer(header instanceof String auth ? auth : null);
        if (token == null) {
            return null;
        }
        Optional<Member> member = tokens.member(token);
        if (member.isEmpty()) {
            throw new Refusal("This token is unknown or was revoked.");
        }
        return member.get();
    }

    private CallToolResult paperSearch(Map<String, Object> args, @Nullable Member member) {
        String query = text(args, "query");
        int limit = number(args, "limit", 10);
        PaperSearch.Mode mode =
                args.get("mode") == null
                        ? search.defaultMode()
                        : PaperSearch.Mode.parse(text(args, "mode"));
        List<SearchHit> hits = search.search(QuerySyntax.parse(query), mode, 0, limit);
        return papers(
                hits.stream().map(SearchHit::id).toList(),
                hits.isEmpty() ? "No paper matches “" + query + "”." : null);
    }

    private CallToolResult paperGet(Map<String, Object> args, @Nullable Member member) {
        Paper p = known(text(args, "id"));
        FeedRow row = daily.rowsOf(List.of(p.id().id())).get(p.id().id());
        Map<String, Object> paper = paper(p, row, false);
        StringBuilder text = new StringBuilder();
        text.append(p.title()).append(" (arXiv ").append(p.id().id()).append(")\n");
        text.append(String.join(", ", p.authors())).append('\n');
        text.append("Announced ").append(p.announced()).append(" · ");
        text.append(String.join(", ", p.categories())).append('\n');
        text.append(paper.get("url")).append("\n\n").append(p.abstractText());
        return CallToolResult.builder()
                .addTextContent(text.toString())
                .structuredContent(paper)
                .build();
    }

    private CallToolResult papersList(Map<String, Object> args, @Nullable Member member) {
        String kind = text(args, "period");
        String date = args.get("date") == null ? null : text(args, "date").strip();
        LocalDate latest =
                daily.latestDay()
                        .orElseThrow(() -> new Refusal("This Paperboy has no papers yet."));
        Period period =
                switch (kind) {
                    case "day" -> date == null ? new Period.Day(latest) : Period.Day.parse(date);
                    case "week" -> week(date, latest);
                    case "month" ->
                            date == null
                                    ? Period.Month.parse(latest.toString().substring(0, 7))
                                    : Period.Month.parse(
                                            date.length() == 10 ? date.substring(0, 7) : date);
                    default -> throw new Refusal("period must be day, week or month");
                };
        String sort = args.get("sort") == null ? "curated" : text(args, "sort");
        ListOrder order =
                switch (sort.toLowerCase(Locale.ROOT)) {
                    case "trending" -> ListOrder.TRENDING;
                    case "newest" -> ListOrder.PUBLISHED;
                    default -> ListOrder.CURATED_FIRST;
                };
        Listing listing = daily.list(period, order, null, 0, number(args, "limit", 20));
        List<Map<String, Object>> papers = new ArrayList<>();
        StringBuilder text =
                new StringBuilder(
                        "Papers of "
                                + period.label()
                                + ": "
                                + listing.total()
                                + " in all, "
                                + listing.papers().size()
                                + " here.\n");
        int n = 0;
        for (ListedPaper lp : listing.papers()) {
            Map<String, Object> paper = paper(lp.paper(), lp.feed(), true);
            papers.add(paper);
            text.append(line(++n, lp.paper(), lp.feed(), paper));
        }
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("period", period.label());
        structured.put("total", listing.total());
        structured.put("papers", papers);
        return CallToolResult.builder()
                .addTextContent(text.toString())
                .structuredContent(structured)
                .build();
    }

    private CallToolResult papersSimilar(Map<String, Object> args, @Nullable Member member) {
        Paper p = known(text(args, "id"));
        List<SearchHit> hits =
                search.similar(
                        p.id(), p.title() + " " + p.abstractText(), number(args, "limit", 5));
        return papers(hits.stream().map(SearchHit::id).toList(), null);
    }

    private CallToolResult libraryList(Map<String, Object> args, @Nullable Member member) {
        List<String> ids = library.papers(requireMember(member).id());
        int limit = number(args, "limit", 100);
        return papers(
                ids.subList(0, Math.min(limit, ids.size())),
                ids.isEmpty() ? "Your library is empty." : null);
    }

    private CallToolResult libraryAdd(Map<String, Object> args, @Nullable Member member) {
        Paper p = known(text(args, "id"));
        boolean added =
                !library.addAll(requireMember(member).id(), List.of(p.id().id()), SOURCE).isEmpty();
        return CallToolResult.builder()
                .addTextContent(
                        (added ? "Saved to your library: " : "Already in your library: ")
                                + p.title()
                                + " (arXiv "
                                + p.id().id()
                                + ")")
                .structuredContent(Map.of("id", p.id().id(), "saved", true, "added", added))
                .build();
    }

    private CallToolResult papersForYou(Map<String, Object> args, @Nullable Member member) {
        long memberId = requireMember(member).id();
        String date = args.get("week") == null ? null : text(args, "week").strip();
        LocalDate latest =
                daily.latestDay()
                        .orElseThrow(() -> new Refusal("This Paperboy has no papers yet."));
        Period.Week week = week(date, latest);
        Taste taste = tastes.of(memberId);
        if (taste.isEmpty()) {
            return CallToolResult.builder()
                    .addTextContent(
                            "Nothing to pick from yet: save papers to your library (library_add),"
                                    + " upvote them on the site, or import a reference manager's"
                                    + " library there.")
                    .structuredContent(Map.of("week", week.key(), "papers", List.of()))
                    .build();
        }
        Recommender.Recommendations picked =
                recommender.recommend(taste, week, number(args, "limit", 10));
        Map<String, ListedPaper> listed = new HashMap<>();
        daily.listed(picked.papers().stream().map(Recommender.Recommendation::paperId).toList())
                .forEach(lp -> listed.put(lp.paper().id().id(), lp));
        List<Map<String, Object>> papers = new ArrayList<>();
        StringBuilder text = new StringBuilder(week.label() + ", picked for you:\n");
        int n = 0;
        for (Recommender.Recommendation r : picked.papers()) {
            ListedPaper lp = listed.get(r.paperId());
            if (lp == null) {
                continue;
            }
            Map<String, Object> paper = paper(lp.paper(), lp.feed(), true);
            String why = "close to “" + r.becauseTitle() + "”, " + r.source().words();
            paper.put("reason", why);
            paper.put("closeTo", r.because());
            papers.add(paper);
            text.append(line(++n, lp.paper(), lp.feed(), paper))
                    .append("   ")
                    .append(why)
                    .append('\n');
        }
        if (papers.isEmpty()) {
            text.append("No papers that week.");
        }
        return CallToolResult.builder()
                .addTextContent(text.toString())
                .structuredContent(Map.of("week", week.key(), "papers", papers))
                .build();
    }

    /** The week {@code date} names (2026-W27, or a day in it); without one, the latest's. */
    private static Period.Week week(@Nullable String date, LocalDate latest) {
        if (date == null) {
            return Period.Week.of(latest);
        }
        return date.length() == 10
                ? Period.Week.of(LocalDate.parse(date))
                : Period.Week.parse(date);
    }

    private static Member requireMember(@Nullable Member member) {
        if (member == null) {
            throw new Refusal("This tool needs a member's personal access token.");
        }
        return member;
    }

    /** The papers in this order, as numbered lines and as {@code {"papers": [...]}}. */
    private CallToolResult papers(List<String> ids, @Nullable String whenNone) {
        List<Map<String, Object>> papers = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (ListedPaper lp : daily.listed(ids)) {
            Map<String, Object> paper = paper(lp.paper(), lp.feed(), true);
            papers.add(paper);
            text.append(line(++n, lp.paper(), lp.feed(), paper));
        }
        if (papers.isEmpty() && whenNone != null) {
            text.append(whenNone);
        }
        return CallToolResult.builder()
                .addTextContent(text.toString())
                .structuredContent(Map.of("papers", papers))
                .build();
    }

    private static String line(int n, Paper p, @Nullable FeedRow row, Map<String, Object> paper) {
        List<String> authors = p.authors();
        String by =
                authors.size() > 3
                        ? String.join(", ", authors.subList(0, 3)) + " et al."
                        : String.join(", ", authors);
        return n
                + ". "
                + p.title()
                + " ("
                + p.id().id()
                + ", "
                + p.announced()
                + (row != null && row.upvotes() > 0 ? ", " + row.upvotes() + " upvotes" : "")
                + ")\n   "
                + by
                + "\n   "
                + paper.get("url")
                + "\n";
    }

    private Map<String, Object> paper(Paper p, @Nullable FeedRow row, boolean shortSummary) {
        String id = p.id().id();
        String summary = p.abstractText();
        if (shortSummary && summary.length() > SUMMARY_CHARS) {
            summary = summary.substring(0, SUMMARY_CHARS - 1).strip() + "…";
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", p.title());
        m.put("authors", p.authors());
        m.put("summary", summary);
        m.put("announced", p.announced().toString());
        m.put("categories", p.categories());
        m.put("url", baseUrl.get() + "/papers/" + id);
        m.put("arxivUrl", "https://arxiv.org/abs/" + id);
        m.put("pdfUrl", "https://arxiv.org/pdf/" + id);
        m.put("upvotes", row == null ? 0 : row.upvotes());
        m.put("comments", row == null ? 0 : row.comments());
        if (p.codeUrl() != null) {
            m.put("codeUrl", p.codeUrl());
        }
        if (row != null && row.githubStars() != null) {
            m.put("githubStars", row.githubStars());
        }
        return m;
    }

    private Paper known(String raw) {
        ArxivId id = ArxivId.parse(raw).withoutVersion();
        return catalog.find(id)
                .orElseThrow(() -> new Refusal("This Paperboy does not know the paper " + id.id()));
    }

    private static String text(Map<String, Object> args, String name) {
        Object value = args.get(name);
        if (!(value instanceof String s) || s.isBlank()) {
            throw new Refusal(name + " must be a non-empty string");
        }
        return s;
    }

    private static int number(Map<String, Object> args, String name, int fallback) {
        Object value = args.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new Refusal(name + " must be a whole number");
        }
        return n.intValue();
    }
}
