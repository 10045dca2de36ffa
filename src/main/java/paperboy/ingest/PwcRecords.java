package paperboy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import paperboy.catalog.ArxivId;
import paperboy.catalog.CodeLink;
import paperboy.catalog.InvalidArxivIdException;

/**
 * Turns one object of Papers with Code's links-between-papers-and-code.json into a {@link
 * CodeLink}.
 */
final class PwcRecords {
    static final String SOURCE = "paperswithcode";

    /** The catalog's code_links.repo_url column holds this many characters. */
    static final int MAX_URL_LENGTH = 1000;

    private PwcRecords() {}

    static CodeLink parse(JsonNode r) throws RejectedRecord {
        if (r == null || !r.isObject()) {
            throw new RejectedRecord("not a JSON object", null);
        }
        String repo = r.path("repo_url").asText("").strip();
        if (repo.isEmpty()) {
            throw new RejectedRecord("no repo_url", null);
        }
        if (repo.length() > MAX_URL_LENGTH) {
            throw new RejectedRecord(
                    "invalid repo_url", "longer than " + MAX_URL_LENGTH + " characters");
        }
        if (!repo.startsWith("https://") && !repo.startsWith("http://")) {
            throw new RejectedRecord("invalid repo_url", "'" + repo + "' is not an http(s) URL");
        }
        ArxivId id = arxivId(r);
        return new CodeLink(
                id, repo.replaceFirst("/+$", ""), r.path("is_official").asBoolean(false), SOURCE);
    }

    private static ArxivId arxivId(JsonNode r) throws RejectedRecord {
        String[] candidates = {
            r.path("paper_arxiv_id").asText(""),
            r.path("paper_url_abs").asText(""),
            r.path("paper_url_pdf").asText("")
        };
        String firstError = null;
        for (String candidate : candidates) {
            if (candidate.isBlank()) {
                continue;
            }
            try {
                return ArxivId.parse(candidate).withoutVersion();
            } catch (InvalidArxivIdException e) {
                firstError = firstError == null ? e.getMessage() : firstError;
            }
        }
        throw firstError == null
                ? new RejectedRecord("no arXiv id", "paper_arxiv_id and paper_url_abs are empty")
                : new RejectedRecord("invalid arXiv id", firstError);
    }
}
