package paperboy.cli;

/** Whether a person is watching: then long work draws progress bars instead of log lines. */
final class Terminal {
    private Terminal() {
    }

    /**
     * The launcher script sets {@code PAPERBOY_TERMINAL=1} when stderr is a terminal (the JVM
     * cannot tell reliably on every version); without it, a console on an old JVM counts.
     */
    static boolean isInteractive() {
        String flag = System.getenv("PAPERBOY_TERMINAL");
        if (flag != null) {
            return flag.equals("1");
        }
        return System.console() != null && Runtime.version().feature() < 22;
    }
}
