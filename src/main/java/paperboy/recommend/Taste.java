package paperboy.recommend;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a member's recommendations learn from.
 *
 * @param liked papers in their library or upvoted, newest first (ids without version)
 * @param disliked papers they said are not for them, newest first (ids without version)
 */
public record Taste(List<Liked> liked, Set<String> disliked) {
    public Taste {
        liked = List.copyOf(liked);
        disliked = Collections.unmodifiableSet(new LinkedHashSet<>(disliked)); // newest first
    }

    /** Where a liked paper comes from, for the reason a recommendation gives. */
    public enum Source {
        LIBRARY("in your library"),
        UPVOTED("you upvoted");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        /** How a reason says it: "close to <i>X</i>, in your library". */
        public String words() {
            return words;
        }
    }

    /** A paper the member likes. */
    public record Liked(String paperId, Source source) {}

    /** True when nothing is liked: nothing to recommend from. */
    public boolean isEmpty() {
        return liked.isEmpty();
    }
}
