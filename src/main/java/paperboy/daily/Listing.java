package paperboy.daily;

import java.util.List;

/** One page of a list and how many papers the whole list has. */
public record Listing(List<ListedPaper> papers, int total, int offset, int limit) {
    public boolean hasMore() {
        return offset + papers.size() < total;
    }
}
