/**
 * Taking papers from arXiv: the OAI-PMH harvester (bulk and incremental sync into the catalog), the
 * Atom API client (look-ups by id) and the RSS listing client (what was announced today).
 *
 * <p>Every request goes through one {@link paperboy.ingest.arxiv.PoliteHttpClient}, which keeps
 * arXiv's terms of use: one request at a time, at least three seconds apart, with a descriptive
 * User-Agent, honouring {@code Retry-After}. Share one instance per process across all three
 * clients; the terms count all interfaces together.
 *
 * <p>Failures are typed: {@link paperboy.ingest.arxiv.ArxivUnavailableException} when no usable
 * answer came (after retries), {@link paperboy.ingest.arxiv.ArxivResponseException} when arXiv
 * answered with something that cannot be used (an OAI-PMH error, unreadable XML).
 */
package paperboy.ingest.arxiv;
