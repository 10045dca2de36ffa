package paperboy.cli;

/** Whether a person is watching: then long work draws progress bars instead of log lines. */
final class Terminal {
    private Terminal() {}

    /**
     * The launcher script sets {@code PAPERBOY_TERMINAL=1} when stderr is a terminal (the JVM
     * cannot tell reliably on every version); without it, a console on an old JVM counts.
     */
    // From JDK 22 on, System.console() is never null, and the null check below is not reached:
    // before 22 it is the only test there is (Console.isTerminal() came with 22).
    @SuppressWarnings("SystemConsoleNull")
    static boolean isInteractive() {
        String flag = System.getenv("PAPERBOY_TERMINAL");
        if (flag != null) {
            return flag.equals("1");
        }
        return Runtime.version().feature() < 22 && System.console() != null;
    }
}
