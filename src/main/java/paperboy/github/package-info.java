/**
 * GitHub stars of the repositories papers link to: {@link paperboy.github.GitHubClient} asks the
 * GitHub REST API as GitHub asks clients to (conditional requests, its rate limit, redirects),
 * {@link paperboy.github.StarsRound} reads every linked repository once, {@link
 * paperboy.github.StarStore} keeps stars per repository, per day and per paper, and {@link
 * paperboy.github.StarsRunner} is serve's daily round, leased so one process of a catalog asks.
 */
@NullMarked
package paperboy.github;

import org.jspecify.annotations.NullMarked;
