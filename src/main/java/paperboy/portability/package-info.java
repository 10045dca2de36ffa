/**
 * The community's data leaving an instance and arriving in another: {@link
 * paperboy.portability.CommunityExport} writes members, submissions, votes, comments, the audit log
 * and subscriptions as JSON lines, and reads them back into a catalog that has none. The papers are
 * not in it: they come from arXiv (import its dumps or harvest).
 */
@NullMarked
package paperboy.portability;

import org.jspecify.annotations.NullMarked;
