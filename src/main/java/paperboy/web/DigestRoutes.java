package paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import paperboy.digest.Cadence;
import paperboy.digest.DigestLinks;
import paperboy.digest.Subscription;
import paperboy.digest.SubscriptionDesk;
import paperboy.digest.Subscriptions;
import paperboy.web.Views.PageMeta;

/**
 * Subscribing from the site, confirming, managing and unsubscribing, without an account: the links
 * carry a signature ({@link DigestLinks}) and each page that changes something asks for a button
 * press, except the RFC 8058 one-click POST that mail providers send.
 */
final class DigestRoutes {
    static final int DEFAULT_TRENDING = 10;

    private final Site site;
    private final Templates templates;
    private final CommunityRoutes community;

    DigestRoutes(Site site, Templates templates, CommunityRoutes community) {
        this.site = site;
        this.templates = templates;
        this.community = community;
    }

    /**
     * What digest goes to a signed-in member's own address (proved by the sign-in link), and where
     * to change it: its signed manage link while it runs, the subscribe form to start one again.
     */
    static Views.OwnDigest ownDigest(Site site, String baseUrl, String email) {
        Optional<Subscription> known = site.digests().subscriptions().byEmail(email);
        if (known.isEmpty()) {
            return new Views.OwnDigest(
                    "No digest goes to your address.",
                    "/subscribe",
                    "Get trending papers, topic alerts or categories by email");
        }
        Subscription s = known.get();
        String what = "Your " + s.cadence().key() + " digest to " + s.email() + " is ";
        if (s.unsubscribedAt() != null || s.pausedAt() != null) {
            return new Views.OwnDigest(
                    what + (s.unsubscribedAt() != null ? "stopped." : "paused: mail to it failed."),
                    "/subscribe",
                    "Start it again");
        }
        return new Views.OwnDigest(
                what
                        + (s.confirmedAt() == null
                                ? "waiting for you to follow the link we mailed."
                                : "on."),
                new DigestLinks(baseUrl).url(DigestLinks.Purpose.MANAGE, s),
                "Change or stop it");
    }

    private void page(
            Context ctx,
            int status,
            String heading,
            String message,
            @Nullable String form,
            @Nullable Subscription s,
            @Nullable String token) {
        Views.Viewer viewer = Exchanges.viewer(ctx);
        PageMeta meta = new PageMeta(heading, null, null, null, null, "", "digest", viewer);
        ctx.status(status);
        Exchanges.personal(
                ctx,
                templates.render(
                        "digest.jte",
                        new Views.DigestPage(
                                meta,
                                heading,
                                message,
                                form,
                                s == null ? 0 : s.id(),
                                token,
                                s,
                                viewer == null ? null : viewer.email())));
    }

    void subscribeForm(Context ctx) {
        page(
                ctx,
                200,
                "Get papers in your inbox",
                "Trending papers, topic alerts and categories, daily or weekly.",
                "subscribe",
                null,
                null);
    }

    void subscribe(Context ctx) {
        Subscriptions.Preferences prefs = preferences(ctx, true);
        SubscriptionDesk.Result r =
                site.digests()
                        .desk()
                        .subscribe(ctx.formParam("email"), prefs, community.baseUrl(ctx), ctx.ip());
        switch (r) {
            // SENT: the address was valid, so it was there
            case SENT ->
                    page(
                            ctx,
                            200,
                            "Check your inbox",
                            "We sent a mail to "
                                    + Objects.requireNonNull(ctx.formParam("email")).strip()
                                    + ". Nothing else is sent until you follow its link.",
                            null,
                            null,
                            null);
            case INVALID_ADDRESS ->
                    page(
                            ctx,
                            400,
                            "That address does not look right",
                            "Please give an email address such as you@example.org.",
                            "subscribe",
                            null,
                            null);
            case TOO_MANY_FOR_ADDRESS, TOO_MANY_FROM_CLIENT ->
                    page(
                            ctx,
                            429,
                            "Too many requests",
                            "This address, or your network, asked too often in the last hour."
                                    + " Please try again later.",
                            null,
                            null,
                            null);
            case MAIL_FAILED ->
                    page(
                            ctx,
                            503,
                            "The mail could not be sent",
                            "Paperboy could not send mail just now. Please try again in a few"
                                    + " minutes.",
                            null,
                            null,
                            null);
            case NOT_ALLOWED ->
                    page(
                            ctx,
                            403,
                            "This address may not subscribe here",
                            "Only "
                                    + site.digests().desk().allowed().describe()
                                    + " may subscribe to this site's digests. No mail was sent.",
                            "subscribe",
                            null,
                            null);
        }
    }

    void confirmPage(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.CONFIRM);
        page(
                ctx,
                200,
                "Confirm your digest",
                "Press the button to start your "
                        + s.cadence().key()
                        + " digest to "
                        + s.email()
                        + ".",
                "confirm",
                s,
                token(ctx));
    }

    void confirm(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.CONFIRM);
        site.digests().subscriptions().confirm(s.id(), site.clock().instant());
        page(
                ctx,
                200,
                "Your digest is on",
                "The next "
                        + s.cadence().key()
                        + " digest goes to "
                        + s.email()
                        + ". Every mail has links to change or stop it.",
                null,
                null,
                null);
    }

    void managePage(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.MANAGE);
        if (s.unsubscribedAt() != null) {
            page(
                    ctx,
                    200,
                    "Your digest is stopped",
                    "No digests go to "
                            + s.email()
                            + ". You can start it again with the same choices.",
                    "resume",
                    s,
                    token(ctx));
            return;
        }
        page(
                ctx,
                200,
                "Your digest",
                "Change what " + s.email() + " receives, or stop it.",
                "manage",
                s,
                token(ctx));
    }

    void manage(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.MANAGE);
        site.digests().subscriptions().change(s.id(), preferences(ctx, false));
        Subscription changed = site.digests().subscriptions().byId(s.id()).orElseThrow();
        page(
                ctx,
                200,
                "Saved",
                "Your digest is now " + changed.cadence().key() + ".",
                "manage",
                changed,
                token(ctx));
    }

    /**
     * The manage page's stop button: unsubscribes, then 303 to the manage page, which now says the
     * digest is stopped and offers to start it again.
     */
    void stop(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.MANAGE);
        site.digests().subscriptions().unsubscribe(s.id(), site.clock().instant());
        ctx.redirect(manageLink(s), HttpStatus.SEE_OTHER);
    }

    /** Starts a stopped digest again from its manage page; 303 back to that page. */
    void resume(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.MANAGE);
        site.digests().subscriptions().resume(s.id());
        ctx.redirect(manageLink(s), HttpStatus.SEE_OTHER);
    }

    /** The subscription's manage page, as a path on this site. */
    private static String manageLink(Subscription s) {
        return new DigestLinks("").url(DigestLinks.Purpose.MANAGE, s);
    }

    void unsubscribePage(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.UNSUBSCRIBE);
        page(
                ctx,
                200,
                "Unsubscribe",
                "Stop all digests to " + s.email() + "?",
                "unsubscribe",
                s,
                token(ctx));
    }

    /**
     * Also the RFC 8058 one-click target: a POST with {@code List-Unsubscribe=One-Click} to the
     * signed URL.
     */
    void unsubscribe(Context ctx) {
        Subscription s = signed(ctx, DigestLinks.Purpose.UNSUBSCRIBE);
        site.digests().subscriptions().unsubscribe(s.id(), site.clock().instant());
        page(
                ctx,
                200,
                "Unsubscribed",
                "No more digests go to " + s.email() + ".",
                null,
                null,
                null);
    }

    /** The signed link's token, from the query string (links) or the form (buttons). */
    private static @Nullable String token(Context ctx) {
        String fromLink = ctx.queryParam("t");
        return fromLink != null ? fromLink : ctx.formParam("t");
    }

    /** The subscription a signed link names, or 403 when the signature does not match. */
    private Subscription signed(Context ctx, DigestLinks.Purpose purpose) {
        String fromLink = ctx.queryParam("s");
        String id = fromLink != null ? fromLink : ctx.formParam("s");
        String token = token(ctx);
        Optional<Subscription> s = Optional.empty();
        try {
            s = site.digests().subscriptions().byId(Long.parseLong(id == null ? "" : id));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (s.isEmpty() || token == null || !DigestLinks.valid(purpose, s.get(), token)) {
            throw new Forbidden(
                    403,
                    "This link is not valid: it may be incomplete or changed. Use the link from"
                            + " your latest Paperboy mail, or subscribe again.");
        }
        return s.get();
    }

    private static Subscriptions.Preferences preferences(Context ctx, boolean fromTheBox) {
        try {
            String cadence = ctx.formParam("cadence");
            String trending = ctx.formParam("trending");
            int top =
                    trending == null || trending.isBlank()
                            ? (fromTheBox ? DEFAULT_TRENDING : 0)
                            : Integer.parseInt(trending.strip());
            String alerts = ctx.formParam("alerts");
            String categories = ctx.formParam("categories");
            // a checkbox sends nothing when unticked: the form sends recommended=0 before it, so
            // a form without the field (the list pages' short one) keeps the part on
            List<String> recommended = ctx.formParams("recommended");
            return new Subscriptions.Preferences(
                    cadence == null || cadence.isBlank() ? Cadence.DAILY : Cadence.parse(cadence),
                    top,
                    alerts == null ? List.of() : Arrays.asList(alerts.split("\\R")),
                    categories == null ? List.of() : Arrays.asList(categories.split("[\\s,]+")),
                    recommended.isEmpty() || recommended.contains("1"));
        } catch (NumberFormatException e) {
            throw new BadRequest("trending must be a number of papers from 0 to 50");
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }
}
