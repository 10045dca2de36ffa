package paperboy.cli;

import java.util.UUID;

/** A name for this process among several on one database: its process id and a random part. */
final class Nodes {
    private Nodes() {
    }

    static String name() {
        return "pid" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
