package paperboy.community;

import java.util.Arrays;
import java.util.List;

/**
 * How long the costliest comment of the fuzz corpus ({@link MarkdownFuzz}, its seed and size as the
 * abuse test uses them) takes to render, once the JVM is warm: every text is rendered twice to warm
 * up, each is then timed once, the slowest {@code CANDIDATES} five times more (their fastest run
 * counts), and the costliest of them {@code RUNS} more times. Each timing uses a new {@link
 * Markdown}, so none is answered from the kept renderings. Not a test: run it with
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test.classpath
 * java -cp target/classes:target/test-classes:$(cat target/test.classpath) \
 *     paperboy.community.MarkdownBench
 * </pre>
 *
 * It prints the text's shape and the median and the slowest of the runs, and exits with 1 when the
 * median is over the budget (100 ms).
 */
public final class MarkdownBench {
    static final int RUNS = 21;
    static final int CANDIDATES = 30;
    static final double BUDGET_MS = 100;

    private MarkdownBench() {}

    public static void main(String[] args) {
        List<String> inputs = MarkdownFuzz.inputs(MarkdownFuzz.SEED, MarkdownFuzz.COUNT);
        for (int round = 0; round < 2; round++) {
            for (String input : inputs) {
                new Markdown().toHtml(input);
            }
        }
        // One timing each finds the candidates; a pause of the JVM or the machine can make any
        // text look slow once, so the slowest few are timed again and keep their fastest run.
        Integer[] order = new Integer[inputs.size()];
        long[] once = new long[inputs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            once[i] = time(inputs.get(i));
        }
        Arrays.sort(order, (a, b) -> Long.compare(once[b], once[a]));
        String worst = "";
        long worstNanos = -1;
        for (int i = 0; i < CANDIDATES; i++) {
            String input = inputs.get(order[i]);
            long fastest = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                fastest = Math.min(fastest, time(input));
            }
            if (fastest > worstNanos) {
                worstNanos = fastest;
                worst = input;
            }
        }
        long[] runs = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            runs[i] = time(worst);
        }
        Arrays.sort(runs);
        double median = runs[RUNS / 2] / 1e6;
        System.out.printf(
                "worst of %d fuzz comments: %d characters, starting %s%n",
                inputs.size(), worst.length(), MarkdownFuzz.shape(worst));
        System.out.printf(
                "render: median %.1f ms, slowest %.1f ms of %d runs (budget %.0f ms)%n",
                median, runs[RUNS - 1] / 1e6, RUNS, BUDGET_MS);
        System.exit(median <= BUDGET_MS ? 0 : 1);
    }

    private static long time(String input) {
        Markdown markdown = new Markdown();
        long start = System.nanoTime();
        markdown.toHtml(input);
        return System.nanoTime() - start;
    }
}
