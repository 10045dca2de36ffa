package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import paperboy.catalog.ArxivId;
import paperboy.catalog.InvalidArxivIdException;
import paperboy.catalog.Paper;
import paperboy.common.Limit;
import paperboy.common.RateLimiter;
import paperboy.community.Accounts;
import paperboy.community.Comment;
import paperboy.community.CommunityStore;
import paperboy.community.Markdown;
import paperboy.community.Role;
import paperboy.community.SignIn;
import paperboy.community.Submissions;
import paperboy.web.Views.Link;
import paperboy.web.Views.MessagePage;
import paperboy.web.Views.PageMeta;
import paperboy.web.Views.Viewer;

/**
 * Sign-in, sign-out, the profile, and every state-changing action of members and curators.
 * Authorization is decided here, on the server, for each action; CSRF is checked before any of
 * these run ({@link WebServer}). Every action answers with a redirect (303) back to where the
 * reader was, or with a page that says what went wrong.
 */
final class CommunityRoutes {
    static final String SESSION_COOKIE = "pb_session";

    /** The window of the members' rate limits. */
    static final Duration LIMIT_WINDOW = CommunityStore.POST_WINDOW;

    /** Comments and submissions per member per window, counted on every node together. */
    static final int POSTS_PER_WINDOW = CommunityStore.POSTS_PER_WINDOW;

    /** Comment edits per member per window: editing is posting again. */
    static final int EDITS_PER_WINDOW = 30;

    /** Upvotes (and taking them back) per member per window: each recomputes the lists. */
    static final int UPVOTES_PER_WINDOW = 100;

    private final Site site;
    private final Site.Community community;
    private final Templates templates;
    private final SitePages pages;
    private final Limit posting;
    private final RateLimiter editing;
    private final RateLimiter upvoting;

    private final Supplier<String> baseUrl;

    CommunityRoutes(Site site, Templates templates, SitePages pages, Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
        this.site = site;
        this.community = site.community();
        this.templates = templates;
        this.pages = pages;
        this.posting = community.posting();
        this.editing = new RateLimiter(EDITS_PER_WINDOW, LIMIT_WINDOW, site.clock());
        this.upvoting = new RateLimiter(UPVOTES_PER_WINDOW, LIMIT_WINDOW, site.clock());
    }

    private String message(
            Context ctx,
            int status,
            String heading,
            String message,
            @Nullable Link next,
            @Nullable String form) {
        ctx.status(status);
        Exchanges.explained(ctx);
        PageMeta meta =
                new PageMeta(heading, null, null, null, null, "", "account", Exchanges.viewer(ctx));
        return templates.render(
                "message.jte", new MessagePage(meta, heading, message, next, form, returnTo(ctx)));
    }

    /** The signed-in member, or 401. */
    static Viewer member(Context ctx, String toDo) {
        Viewer viewer = Exchanges.viewer(ctx);
        if (viewer == null) {
            throw new Forbidden(401, "Sign in to " + toDo + ".");
        }
        return viewer;
    }

    static Viewer curator(Context ctx, String toDo) {
        Viewer viewer = member(ctx, toDo);
        if (!viewer.curator()) {
            throw new Forbidden(403, "Only curators may " + toDo + ".");
        }
        return viewer;
    }

    void signInForm(Context ctx) {
        Exchanges.personal(
                ctx,
                message(
                        ctx,
                        200,
                        "Sign in",
                        "Paperboy signs you in with a link sent by email: no password.",
                        null,
                        "signin"));
    }

    void requestLink(Context ctx) {
        String email = ctx.formParam("email");
        SignIn.Requested r =
                community.signIn().request(email, baseUrl(ctx), ctx.ip(), returnTo(ctx));
        String html =
                switch (r) {
                    // SENT: the address was valid, so it was there
                    case SENT ->
                            message(
                                    ctx,
                                    200,
                                    "Check your inbox",
                                    "A sign-in link is on its way to "
                                            + Objects.requireNonNull(email).strip()
                                            + ". It works once, within "
                                            + SignIn.LINK_VALID_FOR.toMinutes()
                                            + " minutes.",
                                    null,
                                    null);
                    case INVALID_ADDRESS ->
                            message(
                                    ctx,
                                    400,
                                    "That address does not look right",
                                    "Please give an email address such as you@example.org.",
                                    null,
                                    "signin");
                    // One answer for both limits: which one was met would tell a stranger
                    // whether somebody asked for links for this address.
                    case TOO_MANY_FOR_ADDRESS, TOO_MANY_FROM_CLIENT -> {
                        ctx.header("Retry-After", Long.toString(Duration.ofHours(1).toSeconds()));
                        yield message(
                                ctx,
                                429,
                                "Too many sign-in mails",
                                "Too many sign-in links were asked for in the last hour. If one"
                                        + " reached you, use it; otherwise try again later.",
                                null,
                                null);
                    }
                    case MAIL_FAILED ->
                            message(
                                    ctx,
                                    503,
                                    "The mail could not be sent",
                                    "Paperboy could not send mail just now. Please try again in a"
                                            + " few minutes.",
                                    null,
                                    null);
                    case NOT_ALLOWED ->
                            message(
                                    ctx,
                                    403,
                                    "This address may not sign in here",
                                    "Only "
                                            + community.signIn().allowed().describe()
                                            + " may sign in to this site. No mail was sent.",
                                    null,
                                    "signin");
                };
        Exchanges.personal(ctx, html);
    }

    /**
     * The link from the mail: a page with a button, so mail scanners that open links do not use it
     * up.
     */
    void confirmLink(Context ctx) {
        String token = ctx.queryParam("token");
        Exchanges.personal(
                ctx,
                message(
                        ctx,
                        200,
                        "Sign in to Paperboy",
                        "Press the button to finish signing in.",
                        null,
                        "verify:" + (token == null ? "" : token)));
    }

    void followLink(Context ctx) {
        SignIn.Followed followed = community.signIn().follow(ctx.formParam("token"));
        Link again = new Link("Ask for a new link", "/signin");
        String html =
                switch (followed.status()) {
                    case VALID -> null;
                    case UNKNOWN ->
                            message(
                                    ctx,
                                    400,
                                    "This sign-in link is not valid",
                                    "The link is not one Paperboy sent, or it was changed on the"
                                            + " way. Ask for a new one.",
                                    again,
                                    null);
                    case EXPIRED ->
                            message(
                                    ctx,
                                    400,
                                    "This sign-in link has expired",
                                    "Links work for "
                                            + SignIn.LINK_VALID_FOR.toMinutes()
                                            + " minutes. Ask for a new one.",
                                    again,
                                    null);
                    case USED ->
                            message(
                                    ctx,
                                    400,
                                    "This sign-in link was already used",
                                    "Each link works once. If that was not you, nothing was shared:"
                                            + " ask for a new link.",
                                    again,
                                    null);
                    case SUSPENDED ->
                            message(
                                    ctx,
                                    403,
                                    "This account is suspended",
                                    "An admin of this site suspended this account: it cannot sign"
                                            + " in until an admin lifts the suspension.",
                                    null,
                                    null);
                };
        if (html != null) {
            Exchanges.personal(ctx, html);
            return;
        }
        Accounts.NewSession session =
                Objects.requireNonNull(followed.session(), "a valid link opens a session");
        Cookie cookie = new Cookie(SESSION_COOKIE, session.cookieToken());
        cookie.setHttpOnly(true);
        cookie.setSameSite(SameSite.LAX);
        cookie.setSecure(secure(ctx));
        cookie.setPath("/");
        cookie.setMaxAge((int) SignIn.SESSION_VALID_FOR.toSeconds());
        ctx.cookie(cookie);
        String back = returnTo(ctx);
        ctx.redirect(back == null ? "/" : back, HttpStatus.SEE_OTHER);
    }

    /**
     * Where sign-in comes back to: the {@code next} parameter of the sign-in forms and links, else
     * the page the reader came from (the Referer, when it is this site). Only a path on this site
     * is taken, never the sign-in pages themselves; null means the home page.
     */
    private @Nullable String returnTo(Context ctx) {
        String next = ctx.queryParam("next");
        if (next == null && HandlerType.POST.equals(ctx.method())) {
            next = ctx.formParam("next");
        }
        if (next == null) {
            next = sameSitePath(ctx.header("Referer"), ctx.host());
        }
        if (next == null
                || !isLocalPath(next)
                || next.startsWith("/signin")
                || next.startsWith("/signout")) {
            return null;
        }
        return next;
    }

    /** The path and query of {@code referer} when it points at this site ({@code host}). */
    private static @Nullable String sameSitePath(@Nullable String referer, @Nullable String host) {
        if (referer == null || host == null) {
            return null;
        }
        try {
            URI uri = new URI(referer);
            if (!host.equalsIgnoreCase(uri.getRawAuthority()) || uri.getRawPath() == null) {
                return null;
            }
            String query = uri.getRawQuery();
            return uri.getRawPath() + (query == null ? "" : "?" + query);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    void signOut(Context ctx) {
        community.signIn().signOut(ctx.cookie(SESSION_COOKIE));
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** Ends every session of the signed-in member: on this browser and on every other one. */
    void signOutEverywhere(Context ctx) {
        Viewer viewer = member(ctx, "sign out");
        community.signIn().signOutEverywhere(viewer.id());
        ctx.removeCookie(SESSION_COOKIE, "/");
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    void profile(Context ctx) {
        Viewer viewer = member(ctx, "see your page");
        List<String> submitted = community.store().submittedBy(viewer.id());
        List<String> upvoted = community.store().upvotedBy(viewer.id());
        List<Views.OwnComment> comments = ownComments(viewer);
        PageMeta meta = new PageMeta("Your page", null, null, null, null, "", "account", viewer);
        String role =
                viewer.admin()
                        ? Role.ADMIN.key()
                        : viewer.curator() ? Role.CURATOR.key() : Role.MEMBER.key();
        Exchanges.personal(
                ctx,
                templates.render(
                        "me.jte",
                        new Views.ProfilePage(
                                meta,
                                viewer.name(),
                                role,
                                listed(submitted),
                                listed(upvoted),
                                comments,
                                DigestRoutes.ownDigest(site, baseUrl(ctx), viewer.email()))));
    }

    /** The member's comments, newest first, each with its paper's title and its place there. */
    private List<Views.OwnComment> ownComments(Viewer viewer) {
        List<Comment> mine = community.store().commentsBy(viewer.id());
        Map<String, Paper> papers =
                site.catalog().findAll(mine.stream().map(Comment::paperId).distinct().toList());
        return mine.stream()
                .map(
                        c -> {
                            Paper paper = papers.get(c.paperId());
                            return new Views.OwnComment(
                                    pages.commentView(c, viewer),
                                    paper == null ? c.paperId() : paper.title(),
                                    "/papers/" + c.paperId() + "#comment-" + c.id());
                        })
                .toList();
    }

    private List<Views.PaperView> listed(List<String> ids) {
        return site.daily().listed(ids).stream().map(Views::paper).toList();
    }

    /**
     * Counts one action of the member against {@code limiter}; when over the limit, answers 429
     * with a {@code Retry-After} header and a page that says what was done {@code limit} times, and
     * returns false.
     */
    private boolean withinLimit(Context ctx, Limit limiter, int limit, Viewer viewer, String done) {
        String key = "m" + viewer.id();
        if (limiter.tryAcquire(key)) {
            return true;
        }
        long seconds = Math.max(1, (limiter.retryAfter(key).toMillis() + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        Exchanges.personal(
                ctx,
                message(
                        ctx,
                        429,
                        "Slow down a little",
                        "You "
                                + done
                                + " "
                                + limit
                                + " times in "
                                + LIMIT_WINDOW.toMinutes()
                                + " minutes. Try again in "
                                + (seconds < 60
                                        ? seconds + " seconds."
                                        : (seconds + 59) / 60 + " minutes."),
                        null,
                        null));
        return false;
    }

    void submit(Context ctx) {
        Viewer viewer = member(ctx, "submit papers");
        if (!withinLimit(ctx, posting, POSTS_PER_WINDOW, viewer, "posted")) {
            return;
        }
        Submissions.Outcome outcome =
                community.submissions().submit(viewer.id(), ctx.formParam("paper"));
        if (outcome.accepted()) {
            site.trending().invalidate();
            ctx.redirect("/papers/date/" + community.submissions().today(), HttpStatus.SEE_OTHER);
            return;
        }
        int status =
                switch (outcome.result()) {
                    case NOT_AN_ARXIV_ID -> 400;
                    case NOT_ON_ARXIV -> 404;
                    case ARXIV_UNREACHABLE -> 503;
                    case TOO_OLD, ALREADY_ON_THE_FEED ->
                            409; // the paper is in the catalog: link to it
                    case ACCEPTED ->
                            throw new IllegalStateException("an accepted submission redirects");
                };
        Exchanges.personal(
                ctx,
                message(
                        ctx,
                        status,
                        "Not submitted",
                        outcome.message(),
                        status == 409
                                ? new Link("The paper's page", "/papers/" + outcome.paperId())
                                : null,
                        "submit"));
    }

    void upvote(Context ctx) {
        Viewer viewer = member(ctx, "upvote");
        ArxivId id = existingPaper(ctx);
        if (!withinLimit(ctx, upvoting, UPVOTES_PER_WINDOW, viewer, "upvoted")) {
            return;
        }
        community.store().toggleUpvote(id, viewer.id());
        site.trending().invalidate();
        back(ctx, "/papers/" + id.id());
    }

    void addComment(Context ctx) {
        Viewer viewer = member(ctx, "comment");
        ArxivId id = existingPaper(ctx);
        String body = commentBody(ctx);
        if (!withinLimit(ctx, posting, POSTS_PER_WINDOW, viewer, "posted")
                || refused(ctx, body, "/papers/" + id.id() + "#comments")) {
            return;
        }
        long comment = community.store().comment(id, viewer.id(), body);
        site.trending().invalidate(); // comments count in the trending score
        ctx.redirect("/papers/" + id.id() + "#comment-" + comment, HttpStatus.SEE_OTHER);
    }

    void editComment(Context ctx) {
        Viewer viewer = member(ctx, "edit comments");
        Comment c = existingComment(ctx);
        if (c.memberId() != viewer.id()) {
            throw new Forbidden(403, "You can only edit your own comments.");
        }
        String body = commentBody(ctx);
        if (!withinLimit(ctx, editing, EDITS_PER_WINDOW, viewer, "edited comments")
                || refused(ctx, body, "/papers/" + c.paperId() + "#comment-" + c.id())) {
            return;
        }
        community.store().editComment(c.id(), viewer.id(), body);
        ctx.redirect("/papers/" + c.paperId() + "#comment-" + c.id(), HttpStatus.SEE_OTHER);
    }

    void deleteComment(Context ctx) {
        Viewer viewer = member(ctx, "delete comments");
        Comment c = existingComment(ctx);
        if (c.memberId() == viewer.id()) {
            community.store().deleteComment(c.id(), viewer.id());
        } else if (viewer.admin()) {
            community.store().deleteComment(c.id());
            community
                    .accounts()
                    .audit(
                            viewer.id(),
                            "delete-comment",
                            c.id() + " by " + c.memberName() + " on " + c.paperId());
        } else {
            throw new Forbidden(403, "You can only delete your own comments.");
        }
        site.trending().invalidate();
        ctx.redirect("/papers/" + c.paperId() + "#comments", HttpStatus.SEE_OTHER);
    }

    void hideComment(Context ctx) {
        Viewer viewer = curator(ctx, "hide comments");
        Comment c = existingComment(ctx);
        community.store().hideComment(c.id());
        site.trending().invalidate(); // a hidden comment no longer counts
        community.accounts().audit(viewer.id(), "hide-comment", c.id() + " on " + c.paperId());
        ctx.redirect("/papers/" + c.paperId() + "#comments", HttpStatus.SEE_OTHER);
    }

    void feature(Context ctx) {
        curatePaper(
                ctx,
                "feature papers",
                "feature",
                id -> {
                    // after the checks: an anonymous bad day is a 401
                    LocalDate day = curationDay(ctx, id);
                    community
                            .store()
                            .feature(
                                    id,
                                    day == null ? community.submissions().today() : day,
                                    day != null);
                    return day == null ? "" : " on " + day;
                });
    }

    void unfeature(Context ctx) {
        curatePaper(
                ctx,
                "unfeature papers",
                "unfeature",
                id -> {
                    community.store().unfeature(id);
                    return "";
                });
    }

    void hidePaper(Context ctx) {
        curatePaper(
                ctx,
                "hide papers",
                "hide-paper",
                id -> {
                    community.store().hide(id, community.submissions().today());
                    return "";
                });
    }

    void unhidePaper(Context ctx) {
        curatePaper(
                ctx,
                "show hidden papers again",
                "unhide-paper",
                id -> {
                    community.store().unhide(id);
                    return "";
                });
    }

    /**
     * A curator's action on the paper in the path: checked (401/403/404), done by {@code act}
     * (which returns what the audit line adds after the id), audited, and the lists recomputed.
     */
    private void curatePaper(
            Context ctx, String toDo, String auditAction, Function<ArxivId, String> act) {
        Viewer viewer = curator(ctx, toDo);
        ArxivId id = existingPaper(ctx);
        String detail = act.apply(id);
        community.accounts().audit(viewer.id(), auditAction, id.id() + detail);
        site.trending().invalidate();
        back(ctx, "/papers/" + id.id());
    }

    /**
     * The feed day a curator picked for a paper ({@code day} in the form), or null for none: a day
     * of the paper's life on the site, from its announcement to today (a day far in the future
     * would keep it at the top of the home page, and one before it was announced makes no sense).
     */
    private @Nullable LocalDate curationDay(Context ctx, ArxivId paper) {
        String day = ctx.formParam("day");
        if (day == null || day.isBlank()) {
            return null;
        }
        LocalDate parsed;
        try {
            parsed = LocalDate.parse(day.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequest("day must be a date like 2026-06-30, not '" + day.strip() + "'");
        }
        LocalDate today = community.submissions().today();
        LocalDate announced =
                site.catalog().find(paper).map(Paper::announced).orElse(LocalDate.MIN);
        if (parsed.isAfter(today) || parsed.isBefore(announced)) {
            throw new BadRequest(
                    "day must be between the paper's announcement ("
                            + announced
                            + ") and today ("
                            + today
                            + "), not "
                            + parsed);
        }
        return parsed;
    }

    void auditLog(Context ctx) {
        Viewer viewer = member(ctx, "read the audit log");
        if (!viewer.admin()) {
            throw new Forbidden(403, "Only admins may read the audit log.");
        }
        PageMeta meta = new PageMeta("Audit log", null, null, null, null, "", "account", viewer);
        Exchanges.personal(
                ctx,
                templates.render(
                        "audit.jte",
                        new Views.AuditPage(meta, community.accounts().auditLog(500))));
    }

    ArxivId existingPaper(Context ctx) {
        ArxivId id;
        try {
            id = ArxivId.parse(ctx.pathParam("id")).withoutVersion();
        } catch (InvalidArxivIdException e) {
            throw new NotFound("“" + ctx.pathParam("id") + "” is not an arXiv paper id.");
        }
        if (site.catalog().find(id).isEmpty()) {
            throw new NotFound("Paperboy does not know the paper " + id.id() + ".");
        }
        return id;
    }

    Comment existingComment(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("comment"));
        } catch (NumberFormatException e) {
            throw new NotFound("There is no comment " + ctx.pathParam("comment") + ".");
        }
        return community
                .store()
                .comment(id)
                .orElseThrow(() -> new NotFound("There is no comment " + id + "."));
    }

    /**
     * The form's comment text, when it has some and not too much (else 400). NUL becomes U+FFFD, as
     * CommonMark renders it anyway: PostgreSQL refuses NUL in text, which failed the write.
     */
    private static String commentBody(Context ctx) {
        String form = ctx.formParam("body");
        String body = form == null ? null : form.replace('\u0000', '\ufffd');
        if (body == null || body.isBlank()) {
            throw new BadRequest("A comment needs some text.");
        }
        if (body.length() > Markdown.MAX_CHARS) {
            throw new BadRequest(
                    "A comment may have up to "
                            + Markdown.MAX_CHARS
                            + " characters; this one has "
                            + body.length()
                            + ".");
        }
        return body;
    }

    /**
     * Whether {@code body} is beyond what a comment may be (nested too deeply to render): then
     * answers 422 with why and a link back to {@code back}, and the comment is not written.
     */
    private boolean refused(Context ctx, String body, String back) {
        String refusal = community.store().refusal(body).orElse(null);
        if (refusal == null) {
            return false;
        }
        Exchanges.personal(
                ctx,
                message(
                        ctx,
                        422,
                        "This comment cannot be shown",
                        refusal,
                        new Link("Back to the paper", back),
                        null));
        return true;
    }

    /**
     * Redirects to the form's {@code back} path when it is a path on this site, else to {@code
     * fallback}.
     */
    static void back(Context ctx, String fallback) {
        String back = ctx.formParam("back");
        ctx.redirect(back != null && isLocalPath(back) ? back : fallback, HttpStatus.SEE_OTHER);
    }

    /** A path on this site, with nothing that could make a browser leave it or split a header. */
    private static boolean isLocalPath(String back) {
        return back.matches("/[A-Za-z0-9._~/?#&=%+-]*")
                && !back.startsWith("//")
                && !back.contains("%0")
                && !back.contains("%1")
                && !back.contains("%5C")
                && !back.contains("%5c");
    }

    /**
     * The site's public address (see {@link WebServer}); never taken from the request's Host
     * header.
     */
    String baseUrl(Context ctx) {
        return baseUrl.get();
    }

    private boolean secure(Context ctx) {
        // over https as the site sees it: X-Forwarded-Proto counts only from a trusted proxy
        return baseUrl(ctx).startsWith("https://") || ctx.req().isSecure();
    }

    /** Sets the viewer of a request from its session cookie. */
    void resolveViewer(Context ctx) {
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie == null) {
            return;
        }
        community
                .signIn()
                .session(cookie)
                .ifPresent(
                        s ->
                                ctx.attribute(
                                        Exchanges.VIEWER,
                                        new Viewer(
                                                s.member().id(),
                                                s.member().name(),
                                                s.member().email(),
                                                s.member().may(Role.CURATOR),
                                                s.member().may(Role.ADMIN),
                                                s.csrfToken(),
                                                here(ctx),
                                                readOnFirstQuestion(
                                                        () ->
                                                                community
                                                                        .store()
                                                                        .upvotedBy(
                                                                                s.member().id())),
                                                readOnFirstQuestion(
                                                        () ->
                                                                community
                                                                        .library()
                                                                        .papers(
                                                                                s.member()
                                                                                        .id())))));
    }

    /** The request's path and query: where a form on this page comes back to. */
    private static String here(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /**
     * The member's upvotes or saved papers, read on the first question: most pages ask none or
     * many. One request's thread asks, so the memory needs no lock.
     */
    private static Predicate<String> readOnFirstQuestion(Supplier<List<String>> ids) {
        return new Predicate<>() {
            private @Nullable Set<String> known;

            @Override
            public boolean test(String id) {
                Set<String> read = known;
                if (read == null) {
                    read = Set.copyOf(ids.get());
                    known = read;
                }
                return read.contains(id);
            }
        };
    }
}
