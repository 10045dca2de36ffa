package paperboy.community;

/** A signed-up reader. {@code name} is public (shown as "submitted by"); the email is not. */
public record Member(long id, String email, String name, Role role) {
    public boolean may(Role needed) {
        return role.atLeast(needed);
    }
}
