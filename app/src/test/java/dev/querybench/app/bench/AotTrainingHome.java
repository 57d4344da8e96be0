package dev.querybench.app.bench;

import dev.querybench.app.testing.SampleFixture;
import dev.querybench.engine.evaluation.Cancellation;
import dev.querybench.engine.evaluation.RunResults;
import dev.querybench.engine.evaluation.RunListener;
import dev.querybench.engine.sample.SampleWorkspace;
import dev.querybench.engine.session.RunRequest;
import java.nio.file.Path;
import java.util.List;

/**
 * A QueryBench home whose sample workspace holds one finished run, as a user's home does after
 * the first run: the sample's 54 questions × its two prompt variants (108 items) run against the
 * tests' OpenAI stub ({@link SampleFixture#scriptTwoVariants}: 10 and 14 right), stored in the
 * workspace's run store. The app's package trains its AOT cache on such a home (the {@code
 * aot-cache} execution in app/pom.xml), so the start whose first frame shows the latest run (its
 * cards and results table) loads those classes from the cache; {@code app/bench/startup.sh} is
 * measured on one ({@code BENCH_HOME}).
 *
 * <p>Run by hand: {@code java -cp <the app's test class path>
 * dev.querybench.app.bench.AotTrainingHome /tmp/home} (the home is made when missing; a sample
 * workspace already there is kept and gets one more run).
 */
public final class AotTrainingHome {

    private AotTrainingHome() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AotTrainingHome <QueryBench home folder>");
            System.exit(2);
        }
        Path folder = SampleWorkspace.defaultLocation(Path.of(args[0]).toAbsolutePath());
        try (SampleFixture sample = new SampleFixture(folder, true)) {
            RunResults results = sample.session.run(sample.session.plan(new RunRequest(List.of(),
                    List.of("openai:gpt-4o-mini"), sample.stub.baseUrl(), 8, List.of())), RunListener.NONE,
                    new Cancellation());
            System.out.printf("AOT training home: run %s (%s, %d items) stored in %s%n", results.run().id(),
                    results.run().status(), results.items().size(), folder);
        }
    }
}
