package paperboy.catalog;

import java.util.Objects;

/** A code repository known for a paper from outside the paper itself (e.g. Papers with Code). */
public record CodeLink(ArxivId paperId, String repoUrl, boolean official, String source) {
    public CodeLink {
        Objects.requireNonNull(paperId, "paperId");
        if (paperId.hasVersion()) {
            paperId = paperId.withoutVersion();
        }
        if (repoUrl == null || repoUrl.isBlank()) {
            throw new IllegalArgumentException("a code link needs a repository URL");
        }
        Objects.requireNonNull(source, "source");
    }
}
