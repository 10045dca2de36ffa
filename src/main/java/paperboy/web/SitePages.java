package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.Categories;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;
import paperboy.common.Plural;
import paperboy.community.Comment;
import paperboy.community.CommunityStore;
import paperboy.daily.FeedRow;
import paperboy.daily.ListOrder;
import paperboy.daily.ListedPaper;
import paperboy.daily.Listing;
import paperboy.daily.Period;
import paperboy.search.EmbeddingStatus;
import paperboy.search.PaperSearch;
import paperboy.search.QuerySyntax;
import paperboy.search.SearchHit;
import paperboy.search.SearchQuery;
import paperboy.web.Views.FacetLink;
import paperboy.web.Views.Link;
import paperboy.web.Views.ListPage;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.PaperPage;
import paperboy.web.Views.PaperView;
import paperboy.web.Views.PeriodNav;
import paperboy.web.Views.SearchPage;
import paperboy.web.Views.Tab;

/** The HTML pages: routes parse, ask the domain, and render a template. */
final class SitePages {
    static final int LIST_PAGE_SIZE = 50;
    static final int SEARCH_PAGE_SIZE = 20;
    static final int SIMILAR = 6;
    static final int FACET_CATEGORIES = 12;

    /** The deepest page of results a search shows ({@link PaperSearch#MAX_OFFSET}). */
    static final int SEARCH_PAGES = PaperSearch.MAX_OFFSET / SEARCH_PAGE_SIZE + 1;

    private final Site site;
    private final Templates templates;
    private final CommunityStore community;

    SitePages(Site site, Templates templates, CommunityStore community) {
        this.site = site;
        this.templates = templates;
        this.community = community;
    }

    /**
     * {@code /} and {@code /papers}: the latest day, or search results when there is a query or
     * filter.
     */
    String papers(Context ctx) {
        if (isSearch(ctx)) {
            return search(ctx);
        }
        Optional<LocalDate> latest = site.daily().latestDay();
        if (latest.isEmpty()) {
            PageMeta meta =
                    new PageMeta(
                            "Daily papers",
                            null,
                            "/papers",
                            "/papers/feed.atom",
                            "/papers/feed.rss",
                            "",
                            "daily",
                            Exchanges.viewer(ctx));
            return templates.render(
                    "list.jte",
                    new ListPage(
                            meta,
                            "Daily papers",
                            null,
                            List.of(),
                            List.of(),
                            null,
                            null,
                            List.of(),
                            List.of(),
                            false,
                            "The catalog is empty: import a dump (paperboy import) or let the"
                                    + " harvester run."));
        }
        return period(ctx, new Period.Day(latest.get()), "/papers");
    }

    static boolean isSearch(Context ctx) {
        return Params.text(ctx, "q") != null
                || Params.text(ctx, "cat") != null
                || Params.text(ctx, "from") != null
                || Params.text(ctx, "to") != null
                || Params.text(ctx, "code") != null;
    }

    String day(Context ctx) {
        return period(ctx, Params.parsed(() -> Period.Day.parse(ctx.pathParam("date"))), null);
    }

    String week(Context ctx) {
        return period(ctx, Params.parsed(() -> Period.Week.parse(ctx.pathParam("week"))), null);
    }

    String month(Context ctx) {
        return period(ctx, Params.parsed(() -> Period.Month.parse(ctx.pathParam("month"))), null);
    }

    /**
     * {@code path}: the canonical address of the page, {@code null} for the period's own. The page
     * advertises the feeds of what it shows: the home page the latest day's (which moves on with
     * each day), a period's page that period's own.
     */
    private String period(Context ctx, Period period, @Nullable String path) {
        int page = Paging.parse(ctx.queryParam("page"));
        Listing listing =
                site.daily()
                        .list(
                                period,
                                ListOrder.CURATED_FIRST,
                                null,
                                (page - 1) * LIST_PAGE_SIZE,
                                LIST_PAGE_SIZE);
        List<PaperView> curated = new ArrayList<>();
        List<PaperView> others = new ArrayList<>();
        for (ListedPaper p : listing.papers()) {
            (p.feed().curated() ? curated : others).add(Views.paper(p));
        }
        Link previous =
                site.daily().dayBefore(period.start()).map(d -> link(period, d)).orElse(null);
        Link next =
                site.daily()
                        .dayAfter(period.end().minusDays(1))
                        .map(d -> link(period, d))
                        .orElse(null);
        LocalDate anchor = period.start();
        List<Link> periods =
                List.of(
                        new Link("Day", new Period.Day(anchor).path()),
                        new Link("Week", Period.Week.of(anchor).path()),
                        new Link("Month", new Period.Month(YearMonth.from(anchor)).path()));
        String canonical = path != null ? path : period.path();
        int pages = Paging.pages(listing.total(), LIST_PAGE_SIZE);
        Paging.within(page, pages, n -> pageUrl(canonical, n));
        String feeds = path != null ? "/papers/feed" : period.path() + "/feed";
        PageMeta meta =
                new PageMeta(
                        heading(period),
                        "arXiv papers of " + Dates.period(period) + ", curated papers first.",
                        canonical,
                        feeds + ".atom",
                        feeds + ".rss",
                        "",
                        "daily",
                        Exchanges.viewer(ctx));
        String sub =
                Plural.count(listing.total(), "paper", "papers")
                        + (pages > 1 ? String.format(", page %d of %d", page, pages) : "");
        return templates.render(
                "list.jte",
                new ListPage(
                        meta.at(site.baseUrl().get()),
                        heading(period),
                        sub,
                        curated,
                        others,
                        previous,
                        next,
                        periods,
                        pageLinks(canonical, page, listing.total(), LIST_PAGE_SIZE),
                        false,
                        "No papers were announced in this period.",
                        nav(period),
                        path != null ? site.community().collections().featured() : List.of()));
    }

    /** The tabs to the day, week and month around {@code period}'s first day, and the picker. */
    private PeriodNav nav(Period period) {
        LocalDate anchor = period.start();
        String latest = site.daily().latestDay().orElse(anchor).toString();
        return new PeriodNav(
                List.of(
                        new Tab(
                                "Daily",
                                new Period.Day(anchor).path(),
                                period instanceof Period.Day),
                        new Tab(
                                "Weekly",
                                Period.Week.of(anchor).path(),
                                period instanceof Period.Week),
                        new Tab(
                                "Monthly",
                                new Period.Month(YearMonth.from(anchor)).path(),
                                period instanceof Period.Month)),
                switch (period) {
                    case Period.Day d -> "day";
                    case Period.Week w -> "week";
                    case Period.Month m -> "month";
                },
                anchor.toString(),
                latest);
    }

    /**
     * {@code /papers/at?period=week&date=2026-11-30}: the date picker's GET form, answered with a
     * redirect to the list of that day, or of the week or month that holds it.
     */
    void jump(Context ctx) {
        LocalDate date = Params.date(ctx, "date");
        if (date == null) {
            throw new BadRequest("choose a date");
        }
        String kind = Params.text(ctx, "period");
        Period period =
                switch (kind == null ? "day" : kind) {
                    case "day" -> new Period.Day(date);
                    case "week" -> Period.Week.of(date);
                    case "month" -> new Period.Month(YearMonth.from(date));
                    default -> throw new BadRequest("period must be day, week or month");
                };
        ctx.redirect(period.path(), HttpStatus.SEE_OTHER);
    }

    /**
     * What a list is called in its heading, title and feeds: "Papers of 1 Jul 2026" (the site's
     * lists are "daily papers"; one of them is "papers of" its period).
     */
    static String heading(Period period) {
        return "Papers of " + Dates.period(period);
    }

    /** The address of page {@code page} of the list at {@code path}. */
    static String pageUrl(String path, int page) {
        return page == 1 ? path : path + "?page=" + page;
    }

    /** A link to the period of the same kind that holds {@code day}. */
    private static Link link(Period kind, LocalDate day) {
        Period target =
                switch (kind) {
                    case Period.Day d -> new Period.Day(day);
                    case Period.Week w -> Period.Week.of(day);
                    case Period.Month m -> new Period.Month(YearMonth.from(day));
                };
        // The list says "previous" and "next" itself (arrows, and words for screen readers).
        return new Link(Dates.period(target), target.path());
    }

    static List<Link> pageLinks(String path, int page, int total, int size) {
        int pages = (total + size - 1) / size;
        if (pages <= 1) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (int i = 1; i <= pages; i++) {
            if (i == 1 || i == pages || Math.abs(i - page) <= 2) {
                links.add(new Link(Integer.toString(i), i == page ? null : pageUrl(path, i)));
            } else if (Math.abs(i - page) == 3) {
                links.add(Link.ellipsis());
            }
        }
        return links;
    }

    String trending(Context ctx) {
        int page = Paging.parse(ctx.queryParam("page"));
        Paging.within(
                page,
                Paging.pages(site.trending().size(), LIST_PAGE_SIZE),
                n -> pageUrl("/papers/trending", n));
        List<PaperView> papers =
                site.trending().top((page - 1) * LIST_PAGE_SIZE, LIST_PAGE_SIZE).stream()
                        .map(Views::paper)
                        .toList();
        LocalDate asOf = site.trending().asOf();
        PageMeta meta =
                new PageMeta(
                        "Trending papers",
                        "Papers trending on this Paperboy instance, and how they are ranked.",
                        "/papers/trending",
                        "/papers/trending/feed.atom",
                        "/papers/trending/feed.rss",
                        "",
                        "trending",
                        Exchanges.viewer(ctx));
        String sub =
                asOf == null
                        ? null
                        : "Ranked by upvotes, comments and age, as of "
                                + Dates.day(asOf)
                                + ". See how below.";
        return templates.render(
                "list.jte",
                new ListPage(
                        meta.at(site.baseUrl().get()),
                        "Trending papers",
                        sub,
                        List.of(),
                        papers,
                        null,
                        null,
                        List.of(new Link("Hot on GitHub", "/papers/trending/github")),
                        pageLinks("/papers/trending", page, site.trending().size(), LIST_PAGE_SIZE),
                        true,
                        "Nothing is trending yet: the catalog has no papers from the last 30"
                                + " days."));
    }

    /** "Hot on GitHub": papers by GitHub stars gained in the last 7 days, the formula stated. */
    String hotOnGitHub(Context ctx) {
        int page = Paging.parse(ctx.queryParam("page"));
        int total = site.daily().hotOnGitHubCount();
        Paging.within(
                page,
                Paging.pages(total, LIST_PAGE_SIZE),
                n -> pageUrl("/papers/trending/github", n));
        List<PaperView> listed =
                site.daily().hotOnGitHub((page - 1) * LIST_PAGE_SIZE, LIST_PAGE_SIZE).stream()
                        .map(Views::paper)
                        .toList();
        Map<String, Integer> gained =
                site.daily().starsGained(listed.stream().map(PaperView::id).toList());
        List<PaperView> papers =
                listed.stream()
                        .map(p -> p.withStarsGained(gained.getOrDefault(p.id(), 0)))
                        .toList();
        PageMeta meta =
                new PageMeta(
                        "Hot on GitHub",
                        "Papers whose code gained the most GitHub stars in the last 7 days.",
                        "/papers/trending/github",
                        null,
                        null,
                        "",
                        "trending",
                        Exchanges.viewer(ctx));
        return templates.render(
                "list.jte",
                new ListPage(
                        meta.at(site.baseUrl().get()),
                        "Hot on GitHub",
                        "Ranked by GitHub stars gained in the last 7 days: the stars of the"
                                + " paper's most-starred linked repository today minus its stars"
                                + " 7 days ago (or when first read, if later). Stars are read"
                                + " from GitHub once a day.",
                        List.of(),
                        papers,
                        null,
                        null,
                        List.of(new Link("Trending on this site", "/papers/trending")),
                        pageLinks("/papers/trending/github", page, total, LIST_PAGE_SIZE),
                        false,
                        "No paper's code has gained GitHub stars in the last 7 days, or the stars"
                                + " have not been read yet (paperboy stars; serve reads them"
                                + " daily)."));
    }

    /**
     * The search form's values: the typed query {@code q}, the filters, the order and whether
     * misspelled words may be corrected ({@code correct=0} searches exactly what was typed), parsed
     * once into {@link #query} (as typed) for the hits, the facets and the highlights.
     */
    record SearchForm(
            String q,
            @Nullable String cat,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            boolean code,
            PaperSearch.Order sort,
            boolean correct,
            SearchQuery query) {
        static SearchForm of(Context ctx) {
            String q = Params.text(ctx, "q");
            LocalDate from = Params.date(ctx, "from");
            LocalDate to = Params.date(ctx, "to");
            if (from != null && to != null && from.isAfter(to)) {
                throw new BadRequest("from (" + from + ") must not be after to (" + to + ")");
            }
            String typed = q == null ? "" : q;
            String cat = Params.category(ctx, "cat");
            boolean code = Params.flag(ctx, "code");
            String sort = Params.text(ctx, "sort");
            PaperSearch.Order order =
                    sort == null
                            ? PaperSearch.Order.RELEVANCE
                            : Params.parsed(() -> PaperSearch.Order.parse(sort));
            boolean correct = Params.text(ctx, "correct") == null || Params.flag(ctx, "correct");
            return new SearchForm(
                    typed,
                    cat,
                    from,
                    to,
                    code,
                    order,
                    correct,
                    QuerySyntax.parse(typed).withFilters(cat, from, to, code));
        }

        /** This form with {@code typed} as its query (a corrected one), filters and order kept. */
        SearchForm withQ(String typed) {
            return new SearchForm(
                    typed,
                    cat,
                    from,
                    to,
                    code,
                    sort,
                    correct,
                    QuerySyntax.parse(typed).withFilters(cat, from, to, code));
        }

        /** This form without its chosen category (typed {@code cat:} words stay). */
        SearchForm withoutCategory() {
            return new SearchForm(
                    q,
                    null,
                    from,
                    to,
                    code,
                    sort,
                    correct,
                    QuerySyntax.parse(q).withFilters(null, from, to, code));
        }

        /** The hits of {@link #query} in the form's order. */
        List<SearchHit> hits(PaperSearch search, int offset, int limit) {
            return sort == PaperSearch.Order.NEWEST
                    ? search.searchByDate(query, offset, limit)
                    : search.search(query, offset, limit);
        }

        /**
         * The query and filters written in the search syntax, for titles ("Papers matching ...").
         */
        String text() {
            StringBuilder s = new StringBuilder(q);
            if (cat != null) {
                s.append(" cat:").append(cat);
            }
            if (from != null) {
                s.append(" after:").append(from);
            }
            if (to != null) {
                s.append(" before:").append(to);
            }
            if (code) {
                s.append(" has:code");
            }
            return s.toString().strip();
        }

        /** True when neither words nor filters were given: an empty search form. */
        boolean empty() {
            return q.isBlank() && cat == null && from == null && to == null && !code;
        }

        /**
         * The URL of this search with {@code changes} applied (a null value removes a parameter).
         */
        String url(String path, Map<String, @Nullable String> changes) {
            Map<String, @Nullable String> params = new LinkedHashMap<>();
            params.put("q", q.isEmpty() ? null : q);
            params.put("cat", cat);
            params.put("from", from == null ? null : from.toString());
            params.put("to", to == null ? null : to.toString());
            params.put("code", code ? "1" : null);
            params.put("sort", sort == PaperSearch.Order.NEWEST ? "date" : null);
            params.put("correct", correct ? null : "0");
            params.putAll(changes);
            StringBuilder url = new StringBuilder(path);
            char sep = '?';
            for (Map.Entry<String, @Nullable String> e : params.entrySet()) {
                String value = e.getValue();
                if (value != null) {
                    url.append(sep)
                            .append(e.getKey())
                            .append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                    sep = '&';
                }
            }
            return url.toString();
        }
    }

    String search(Context ctx) {
        SearchForm form = SearchForm.of(ctx);
        int page = Paging.parse(ctx.queryParam("page"));
        int offset = (page - 1) * SEARCH_PAGE_SIZE;
        // Misspelled words are corrected and the page says so, with a link to search exactly what
        // was typed; the links of this page keep the typed words, so each page corrects the same.
        PaperSearch.Correction correction =
                form.correct() && !form.q().isBlank()
                        ? site.search().correction(form.q()).orElse(null)
                        : null;
        SearchForm searched = correction == null ? form : form.withQ(correction.text());
        SearchQuery query = searched.query();
        if (page > SEARCH_PAGES) {
            lastSearchPage(form, searched, page);
        }
        List<SearchHit> hits = searched.hits(site.search(), offset, SEARCH_PAGE_SIZE + 1);
        if (hits.isEmpty() && page > 1) {
            lastSearchPage(form, searched, page);
        }
        boolean more = hits.size() > SEARCH_PAGE_SIZE;
        List<PaperView> results =
                views(
                        hits.subList(0, Math.min(hits.size(), SEARCH_PAGE_SIZE)),
                        form.q().isBlank() ? null : site.search().highlighting(query));
        PaperSearch.Facets facets = site.search().facets(query);
        List<FacetLink> categories = categoryFacets(form, searched, facets);
        List<FacetLink> years = yearFacets(form, query, facets);
        String title = form.q().isEmpty() ? "Search" : form.q() + " – search";
        PageMeta meta =
                new PageMeta(
                        title,
                        null,
                        null,
                        form.url("/papers/feed.atom", Map.of()),
                        form.url("/papers/feed.rss", Map.of()),
                        form.q(),
                        "search",
                        Exchanges.viewer(ctx));
        Link previous =
                page > 1
                        ? new Link(
                                "Previous",
                                form.url(
                                        "/papers",
                                        mapOf(
                                                "page",
                                                page == 2 ? null : Integer.toString(page - 1))))
                        : null;
        Link next =
                more && offset + SEARCH_PAGE_SIZE <= PaperSearch.MAX_OFFSET
                        ? new Link(
                                "Next",
                                form.url("/papers", mapOf("page", Integer.toString(page + 1))))
                        : null;
        String empty =
                form.empty()
                        ? "Type a few words to search titles, abstracts and authors."
                        : "No papers match “" + searched.text() + "”.";
        EmbeddingStatus.Coverage coverage =
                site.embedding().on() ? site.embedding().coverage() : null;
        return templates.render(
                "search.jte",
                new SearchPage(
                        meta,
                        form.q(),
                        form.cat() == null ? "" : form.cat(),
                        form.from() == null ? "" : form.from().toString(),
                        form.to() == null ? "" : form.to().toString(),
                        form.code(),
                        form.sort() == PaperSearch.Order.NEWEST ? "date" : "relevance",
                        form.correct(),
                        searched.q(),
                        correction == null
                                ? null
                                : new Views.CorrectionView(
                                        correction.text(),
                                        form.url(
                                                "/papers",
                                                mapOf("q", correction.text(), "page", null)),
                                        form.url("/papers", mapOf("correct", "0", "page", null))),
                        results,
                        categories,
                        years,
                        facets.matches(),
                        facets.withCode(),
                        coverage != null && coverage.embedded() > 0,
                        form.empty() ? null : coverageNote(coverage),
                        previous,
                        next,
                        offset + 1,
                        empty));
    }

    /**
     * Answers a page past the last page of a search: a 404 that links to the last page with
     * results. Found by halving (a handful of searches, on this error path only): how many results
     * a search has is known only by fetching them.
     */
    private void lastSearchPage(SearchForm form, SearchForm searched, int page) {
        int lo = 1;
        int hi = Math.min(page - 1, SEARCH_PAGES);
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (searched.hits(site.search(), (mid - 1) * SEARCH_PAGE_SIZE, 1).isEmpty()) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        Paging.within(
                page,
                lo,
                n -> form.url("/papers", mapOf("page", n == 1 ? null : Integer.toString(n))));
    }

    /**
     * The category facets, each counting exactly the results its link leads to: a paper counts in
     * every category it is in (as {@code cat:} selects it), and while a category is chosen the
     * others count the search without it, since their links replace it. The chosen one is always
     * listed (its link removes it) and counts the results shown.
     */
    private List<FacetLink> categoryFacets(
            SearchForm form, SearchForm searched, PaperSearch.Facets facets) {
        String chosen = form.cat();
        Map<String, Long> counts = facets.categories();
        if (chosen != null) {
            SearchQuery others = searched.withoutCategory().query();
            counts =
                    others.hasNoText() && !others.hasFilters()
                            ? Map.of() // nothing else to count within: only the chosen one
                            : site.search().facets(others).categories();
        }
        List<FacetLink> links = new ArrayList<>();
        boolean chosenListed = false;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (links.size() == FACET_CATEGORIES) {
                break;
            }
            if (!Categories.looksValid(e.getKey())) {
                continue; // some papers list an MSC class (68R10) among their categories
            }
            boolean active = e.getKey().equalsIgnoreCase(chosen == null ? "" : chosen);
            chosenListed |= active;
            links.add(
                    new FacetLink(
                            e.getKey(),
                            e.getValue(),
                            form.url(
                                    "/papers",
                                    mapOf("cat", active ? null : e.getKey(), "page", null)),
                            active));
        }
        if (chosen != null && !chosenListed) {
            links.add(
                    new FacetLink(
                            chosen,
                            facets.matches(),
                            form.url("/papers", mapOf("cat", null, "page", null)),
                            true));
        }
        return links;
    }

    /**
     * The year facets: each link narrows the search's dates to that year (it never widens them), so
     * it leads to exactly the papers its year counts.
     */
    private static List<FacetLink> yearFacets(
            SearchForm form, SearchQuery query, PaperSearch.Facets facets) {
        List<FacetLink> years = new ArrayList<>();
        facets.years()
                .forEach(
                        (year, n) -> {
                            LocalDate from = LocalDate.of(year, 1, 1);
                            LocalDate to = LocalDate.of(year, 12, 31);
                            if (query.after() != null && query.after().isAfter(from)) {
                                from = query.after();
                            }
                            if (query.before() != null && query.before().isBefore(to)) {
                                to = query.before();
                            }
                            years.add(
                                    new FacetLink(
                                            Integer.toString(year),
                                            n,
                                            form.url(
                                                    "/papers",
                                                    mapOf(
                                                            "from",
                                                            from.toString(),
                                                            "to",
                                                            to.toString(),
                                                            "page",
                                                            null)),
                                            false));
                        });
        return years;
    }

    /**
     * The search page's word on meaning-based ranking while it does not reach every paper, else
     * {@code null} (no model, or every paper embedded).
     */
    static @Nullable String coverageNote(EmbeddingStatus.@Nullable Coverage coverage) {
        if (coverage == null || coverage.complete()) {
            return null;
        }
        if (coverage.embedded() == 0) {
            return "Embeddings are still being computed: for now papers are found by their words"
                    + " only.";
        }
        return String.format(
                Locale.ROOT,
                "Meaning-based ranking covers %,d of %,d papers so far; the rest are found by their"
                        + " words.",
                coverage.embedded(),
                coverage.papers());
    }

    private static Map<String, @Nullable String> mapOf(@Nullable String... keyValues) {
        Map<String, @Nullable String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /**
     * Search hits as views, in hit order, highlighted by {@code highlighting} unless it is {@code
     * null}.
     */
    List<PaperView> views(List<SearchHit> hits, PaperSearch.@Nullable Highlighting highlighting) {
        List<PaperView> views = new ArrayList<>(hits.size());
        for (ListedPaper lp : site.daily().listed(hits.stream().map(SearchHit::id).toList())) {
            Paper p = lp.paper();
            views.add(
                    highlighting == null
                            ? Views.paper(lp)
                            : Views.paper(
                                    p,
                                    lp.feed(),
                                    highlighting.apply(p.title()),
                                    highlighting.apply(p.abstractText())));
        }
        return views;
    }

    /**
     * {@code /papers/{id}}: the paper's page; any other accepted form of its id redirects to the
     * canonical address.
     */
    void paper(Context ctx, PageCache cache) {
        String raw = ctx.pathParam("id");
        ArxivId id;
        try {
            id = ArxivId.parse(raw);
        } catch (InvalidArxivIdException e) {
            throw new NotFound("“" + raw + "” is not an arXiv paper id: " + e.getMessage());
        }
        String canonical = id.withoutVersion().id();
        if (!raw.equals(canonical)) {
            ctx.redirect("/papers/" + canonical, HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        Views.Viewer viewer = Exchanges.viewer(ctx);
        if (viewer != null) {
            Exchanges.personal(ctx, paperPage(id, viewer));
        } else {
            cache.serve(ctx, () -> PageCache.Rendered.html(paperPage(id, null)));
        }
    }

    private String paperPage(ArxivId id, Views.@Nullable Viewer viewer) {
        Paper p =
                site.catalog()
                        .find(id)
                        .orElseThrow(
                                () ->
                                        new NotFound(
                                                "Paperboy does not know the paper "
                                                        + id.id()
                                                        + " (yet). It may be on arXiv:"
                                                        + " https://arxiv.org/abs/"
                                                        + id.id()));
        FeedRow row = site.daily().rowsOf(List.of(p.id().id())).get(p.id().id());
        List<PaperView> similar =
                views(
                        site.search().similar(p.id(), p.title() + " " + p.abstractText(), SIMILAR),
                        null);
        PaperView view = Views.paper(p, row, null, null);
        PageMeta meta =
                new PageMeta(
                                p.title(),
                                Text.shorten(p.abstractText(), 200),
                                view.path(),
                                null,
                                null,
                                "",
                                "paper",
                                viewer)
                        .at(site.baseUrl().get())
                        .article();
        List<Views.CommentView> discussion = new ArrayList<>();
        for (Comment c : community.comments(p.id())) {
            boolean curator = viewer != null && viewer.curator();
            if (!c.hidden() || curator) {
                discussion.add(commentView(c, viewer));
            }
        }
        boolean upvoted = viewer != null && community.upvotes(p.id(), viewer.id());
        return templates.render(
                "paper.jte",
                new PaperPage(
                        meta,
                        view,
                        p.comments(),
                        p.journalRef(),
                        p.doi(),
                        Views.webUrl(p.license()),
                        p.version(),
                        p.updated(),
                        similar,
                        discussion,
                        upvoted,
                        viewer == null
                                ? List.of()
                                : site.community().collections().ofMember(viewer.id()),
                        viewer != null && viewer.curator() ? curatorBar(p.id()) : null,
                        TextLinks.of(p.abstractText()),
                        p.comments() == null ? null : TextLinks.of(p.comments()),
                        new Link(Dates.day(p.announced()), new Period.Day(p.announced()).path()),
                        weekLink(p.announced()),
                        categoryLinks(p),
                        Bibtex.entry(p),
                        BibFiles.path(p.id().id())));
    }

    /** "Week 27 of 2026", linking to that ISO week's list. */
    private static Link weekLink(LocalDate day) {
        Period.Week week = Period.Week.of(day);
        return new Link("Week " + week.week() + " of " + week.weekBasedYear(), week.path());
    }

    /**
     * The paper's categories, primary first, each linking to the search filtered by it (the address
     * the search page's category facet uses); one the search would refuse is not linked.
     */
    private static List<Link> categoryLinks(Paper p) {
        return p.categories().stream()
                .map(
                        c ->
                                new Link(
                                        c,
                                        Categories.looksValid(c)
                                                ? "/papers?cat="
                                                        + URLEncoder.encode(
                                                                c, StandardCharsets.UTF_8)
                                                : null))
                .toList();
    }

    private Views.CuratorBar curatorBar(ArxivId paper) {
        CommunityStore.Standing standing = community.standing(paper);
        return new Views.CuratorBar(standing.featured(), standing.hidden());
    }

    Views.CommentView commentView(Comment c, Views.@Nullable Viewer viewer) {
        return new Views.CommentView(
                c.id(),
                c.memberName(),
                c.html(),
                c.markdown(),
                Dates.utcDay(c.createdAt()),
                c.editedAt() != null,
                c.hidden(),
                viewer != null && viewer.id() == c.memberId());
    }

    /**
     * The reader this request is rendered for, set by the session filter; null when not signed in.
     */
    String error(Context ctx, int status, String heading, @Nullable String message) {
        return error(ctx, status, heading, message, null);
    }

    /** An error page with a link to where to go instead ({@code onwards}), if known. */
    String error(
            Context ctx,
            int status,
            String heading,
            @Nullable String message,
            @Nullable Link onwards) {
        PageMeta meta =
                new PageMeta(heading, null, null, null, null, "", "error", Exchanges.viewer(ctx));
        return templates.render(
                "error.jte", new Views.ErrorPage(meta, status, heading, message, onwards));
    }
}
