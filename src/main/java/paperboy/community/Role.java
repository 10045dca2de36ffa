package paperboy.community;

import java.util.Locale;

/**
 * What a member may do: members post, curators also curate, admins also read the audit log and
 * grant roles.
 */
public enum Role {
    MEMBER,
    CURATOR,
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** {@code member}, {@code curator} or {@code admin}, any case. */
    public static Role parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "role must be member, curator or admin, not '" + text + "'");
        }
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
