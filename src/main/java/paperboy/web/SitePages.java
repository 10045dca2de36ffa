package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.catalog.Text;
import paperboy.community.Comment;
import paperboy.community.CommunityStore;
import paperboy.daily.FeedRow;
import paperboy.daily.ListOrder;
import paperboy.daily.ListedPaper;
import paperboy.daily.Listing;
import paperboy.daily.Period;
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
import paperboy.web.Views.SearchPage;

/** The HTML pages: routes parse, ask the domain, and render a template. */
final class SitePages {
    static final int LIST_PAGE_SIZE = 50;
    static final int SEARCH_PAGE_SIZE = 20;
    static final int SIMILAR = 6;
    static final int FACET_CATEGORIES = 12;

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

    /** {@code path}: the canonical address of the page, {@code null} for the period's own. */
    private String period(Context ctx, Period period, @Nullable String path) {
        int page = Params.integer(ctx, "page", 1, 1, 10_000);
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
                site.daily()
                        .dayBefore(period.start())
                        .map(d -> link(period, d, "previous"))
                        .orElse(null);
        Link next =
                site.daily()
                        .dayAfter(period.end().minusDays(1))
                        .map(d -> link(period, d, "next"))
                        .orElse(null);
        LocalDate anchor = period.start();
        List<Link> periods =
                List.of(
                        new Link("Day", new Period.Day(anchor).path()),
                        new Link("Week", Period.Week.of(anchor).path()),
                        new Link("Month", new Period.Month(YearMonth.from(anchor)).path()));
        String canonical = path != null ? path : period.path();
        PageMeta meta =
                new PageMeta(
                        period.label(),
                        "arXiv papers of " + period.label() + ", curated papers first.",
                        canonical,
                        "/papers/feed.atom",
                        "/papers/feed.rss",
                        "",
                        "daily",
                        Exchanges.viewer(ctx));
        String sub =
                String.format("%,d papers", listing.total())
                        + (listing.total() > LIST_PAGE_SIZE
                                ? String.format(
                                        ", page %d of %d",
                                        page,
                                        (listing.total() + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE)
                                : "");
        return templates.render(
                "list.jte",
                new ListPage(
                        meta,
                        heading(period),
                        sub,
                        curated,
                        others,
                        previous,
                        next,
                        periods,
                        pageLinks(canonical, page, listing.total(), LIST_PAGE_SIZE),
                        false,
                        "No papers were announced in this period."));
    }

    private static String heading(Period period) {
        return switch (period) {
            case Period.Day d -> "Papers of " + d.label();
            case Period.Week w -> "Papers of " + w.label();
            case Period.Month m -> "Papers of " + m.label();
        };
    }

    /** A link to the period of the same kind that holds {@code day}. */
    private static Link link(Period kind, LocalDate day, String direction) {
        Period target =
                switch (kind) {
                    case Period.Day d -> new Period.Day(day);
                    case Period.Week w -> Period.Week.of(day);
                    case Period.Month m -> new Period.Month(YearMonth.from(day));
                };
        return new Link(
                direction.equals("previous")
                        ? "Previous: " + target.label()
                        : "Next: " + target.label(),
                target.path());
    }

    private static List<Link> pageLinks(String path, int page, int total, int size) {
        int pages = (total + size - 1) / size;
        if (pages <= 1) {
            return List.of();
        }
        List<Link> links = new ArrayList<>();
        for (int i = 1; i <= pages; i++) {
            if (i == 1 || i == pages || Math.abs(i - page) <= 2) {
                links.add(
                        new Link(
                                Integer.toString(i),
                                i == page ? null : path + (i == 1 ? "" : "?page=" + i)));
            } else if (Math.abs(i - page) == 3) {
                links.add(new Link("…", null));
            }
        }
        return links;
    }

    String trending(Context ctx) {
        int page = Params.integer(ctx, "page", 1, 1, 10_000);
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
                                + asOf.format(Views.SHORT_DATE)
                                + ". See how below.";
        return templates.render(
                "list.jte",
                new ListPage(
                        meta,
                        "Trending papers",
                        sub,
                        List.of(),
                        papers,
                        null,
                        null,
                        List.of(),
                        pageLinks("/papers/trending", page, site.trending().size(), LIST_PAGE_SIZE),
                        true,
                        "Nothing is trending yet: the catalog has no papers from the last 30"
                                + " days."));
    }

    /**
     * The search form's values: the typed query {@code q} and the filters, parsed once into {@link
     * #query} for the hits, the facets and the highlights.
     */
    record SearchForm(
            String q,
            @Nullable String cat,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            boolean code,
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
            return new SearchForm(
                    typed,
                    cat,
                    from,
                    to,
                    code,
                    QuerySyntax.parse(typed).withFilters(cat, from, to, code));
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
        int page = Params.integer(ctx, "page", 1, 1, PaperSearch.MAX_OFFSET / SEARCH_PAGE_SIZE + 1);
        int offset = (page - 1) * SEARCH_PAGE_SIZE;
        SearchQuery query = form.query();
        List<SearchHit> hits = site.search().search(query, offset, SEARCH_PAGE_SIZE + 1);
        boolean more = hits.size() > SEARCH_PAGE_SIZE;
        List<PaperView> results =
                views(
                        hits.subList(0, Math.min(hits.size(), SEARCH_PAGE_SIZE)),
                        form.q().isBlank() ? null : site.search().highlighting(query));
        PaperSearch.Facets facets = site.search().facets(query);
        List<FacetLink> categories = new ArrayList<>();
        facets.categories().entrySet().stream()
                .limit(FACET_CATEGORIES)
                .forEach(
                        e -> {
                            boolean active =
                                    e.getKey()
                                            .equalsIgnoreCase(form.cat() == null ? "" : form.cat());
                            categories.add(
                                    new FacetLink(
                                            e.getKey(),
                                            e.getValue(),
                                            form.url(
                                                    "/papers",
                                                    mapOf(
                                                            "cat",
                                                            active ? null : e.getKey(),
                                                            "page",
                                                            null)),
                                            active));
                        });
        List<FacetLink> years = new ArrayList<>();
        facets.years()
                .forEach(
                        (year, n) ->
                                years.add(
                                        new FacetLink(
                                                Integer.toString(year),
                                                n,
                                                form.url(
                                                        "/papers",
                                                        mapOf(
                                                                "from",
                                                                year + "-01-01",
                                                                "to",
                                                                year + "-12-31",
                                                                "page",
                                                                null)),
                                                false)));
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
                        : "No papers match “" + form.text() + "”.";
        return templates.render(
                "search.jte",
                new SearchPage(
                        meta,
                        form.q(),
                        form.cat() == null ? "" : form.cat(),
                        form.from() == null ? "" : form.from().toString(),
                        form.to() == null ? "" : form.to().toString(),
                        form.code(),
                        results,
                        categories,
                        years,
                        facets.matches(),
                        facets.withCode(),
                        site.search().semantic(),
                        previous,
                        next,
                        offset + 1,
                        empty));
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
        List<PaperView> similar = views(site.search().similar(p.id(), p.title(), SIMILAR), null);
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
                        viewer);
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
                        p.updated().format(Views.SHORT_DATE),
                        similar,
                        discussion,
                        upvoted));
    }

    Views.CommentView commentView(Comment c, Views.@Nullable Viewer viewer) {
        return new Views.CommentView(
                c.id(),
                c.memberName(),
                c.html(),
                c.markdown(),
                Views.SHORT_DATE.format(c.createdAt().atZone(ZoneOffset.UTC)),
                c.editedAt() != null,
                c.hidden(),
                viewer != null && viewer.id() == c.memberId());
    }

    /**
     * The reader this request is rendered for, set by the session filter; null when not signed in.
     */
    String error(Context ctx, int status, String heading, @Nullable String message) {
        PageMeta meta =
                new PageMeta(heading, null, null, null, null, "", "error", Exchanges.viewer(ctx));
        return templates.render("error.jte", new Views.ErrorPage(meta, status, heading, message));
    }
}
