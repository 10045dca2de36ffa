package paperboy.common;

import java.util.UUID;

/** A name for this process among several on one database: its process id and a random part. */
public final class Nodes {
    private Nodes() {}

    public static String name() {
        return "pid"
                + ProcessHandle.current().pid()
                + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
