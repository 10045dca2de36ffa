/**
 * The Model Context Protocol at {@code /mcp}: AI assistants search and read papers, list a day's,
 * week's or month's, find similar ones and, with a member's personal access token, read and add to
 * the member's library. Built on the official Java SDK ({@code io.modelcontextprotocol.sdk}),
 * served over streamable HTTP by the site's own server.
 */
@NullMarked
package paperboy.mcp;

import org.jspecify.annotations.NullMarked;
