package paperboy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import paperboy.Paperboy;

/** Runs the CLI in this JVM and captures what it prints through picocli's writers. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Paperboy.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
