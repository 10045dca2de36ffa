package paperboy.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.daily.ListedPaper;
import paperboy.daily.Period;
import paperboy.recommend.Recommender;
import paperboy.recommend.Taste;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.Viewer;

/**
 * A member's "For you" page: a week's papers ranked for them by what they saved, upvoted and
 * imported ({@code GET /for-you}, the newest week; {@code ?week=2026-W27} for another), each with
 * the liked paper it is closest to; a thumbs down ({@code POST /for-you/{id}/not-for-me}) takes a
 * paper out and teaches the ranking, and is taken back with {@code POST /for-you/{id}/undo}.
 */
final class ForYouRoutes {
    /** Papers the page shows: the week's best, not the whole week. */
    static final int SHOWN = 50;

    /** Papers said no to that the page lists with their undo buttons, newest first. */
    static final int SAID_NO_SHOWN = 20;

    private final Site site;
    private final Templates templates;
    private final CommunityRoutes community;

    ForYouRoutes(Site site, Templates templates, CommunityRoutes community) {
        this.site = site;
        this.templates = templates;
        this.community = community;
    }

    /** {@code GET /for-you}. */
    void page(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "see papers picked for you");
        Period.Week latest =
                Period.Week.of(site.daily().latestDay().orElse(LocalDate.now(site.clock())));
        String asked = ctx.queryParam("week");
        Period.Week week;
        try {
            week = asked == null ? latest : Period.Week.parse(asked);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        if (week.start().isAfter(latest.start())) {
            throw new NotFound(
                    "No papers after " + latest.label() + " yet.",
                    new Views.Link("Papers for you this week", "/for-you"));
        }
        Taste taste = site.community().tastes().of(viewer.id());
        Recommender.Recommendations r =
                site.community().recommender().recommend(taste, week, SHOWN);
        Map<String, ListedPaper> listed = new HashMap<>();
        List<String> ids = r.papers().stream().map(Recommender.Recommendation::paperId).toList();
        site.daily().listed(ids).forEach(l -> listed.put(l.paper().id().id(), l));
        List<Views.Recommended> papers = new ArrayList<>();
        for (Recommender.Recommendation rec : r.papers()) {
            ListedPaper l = listed.get(rec.paperId());
            if (l != null) {
                papers.add(
                        new Views.Recommended(
                                Views.paper(l),
                                "/papers/" + rec.because(),
                                rec.becauseTitle(),
                                rec.source().words()));
            }
        }
        List<Views.PaperView> saidNo =
                site
                        .daily()
                        .listed(taste.disliked().stream().limit(SAID_NO_SHOWN).toList())
                        .stream()
                        .map(Views::paper)
                        .toList();
        PageMeta meta = new PageMeta("For you", null, null, null, null, "", "for-you", viewer);
        Exchanges.personal(
                ctx,
                templates.render(
                        "for-you.jte",
                        new Views.ForYouPage(
                                meta,
                                week.label(),
                                week.key(),
                                week.previous().key(),
                                week.start().isBefore(latest.start()) ? week.next().key() : null,
                                papers,
                                r.candidates(),
                                r.wordsOnly(),
                                taste.liked().size(),
                                saidNo,
                                taste.disliked().size())));
    }

    /** {@code POST /for-you/{id}/not-for-me}: the thumbs down. */
    void notForMe(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "teach your recommendations");
        ArxivId id = community.existingPaper(ctx);
        site.community().tastes().notForMe(viewer.id(), id);
        CommunityRoutes.back(ctx, "/for-you");
    }

    /**
     * {@code POST /for-you/{id}/undo}: the thumbs down taken back (also of a paper the catalog no
     * longer has, so none stays for good).
     */
    void undo(Context ctx) {
        Viewer viewer = CommunityRoutes.member(ctx, "teach your recommendations");
        ArxivId id;
        try {
            id = ArxivId.parse(ctx.pathParam("id")).withoutVersion();
        } catch (InvalidArxivIdException e) {
            throw new NotFound("“" + ctx.pathParam("id") + "” is not an arXiv paper id.");
        }
        site.community().tastes().undo(viewer.id(), id);
        CommunityRoutes.back(ctx, "/for-you");
    }
}
