package io.cascade.bench.flags;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The {@link SideBySideBenchmark} scenarios timed by the thread's CPU time instead of the wall
 * clock, for a machine shared with other work: both SDKs run interleaved in one process, each
 * scenario in batches of {@code opsPerBatch} evaluations, and the table gives per scenario the
 * fastest and the median batch. Time the thread spends descheduled is not counted, and the two SDKs
 * see the same machine state within seconds of each other, so their ratio holds up under load far
 * better than two JMH averages taken minutes apart. It is not a JMH benchmark: the sink is a sum, not
 * a blackhole, and the warm-up is fixed (30 batches of every scenario).
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar io.cascade.bench.flags.SideBySideCpuTime [rounds=40] [opsPerBatch=100000]
 * }</pre>
 */
public final class SideBySideCpuTime {

    private static final String[] SCENARIOS = {"Plain", "RuleMatch", "RuleMiss", "Segment1k", "Split25", "TenRules"};

    private SideBySideCpuTime() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        SideBySideBenchmark b = new SideBySideBenchmark();
        b.setUp();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < 30; warm++) {
            for (int s = 0; s < SCENARIOS.length * 2; s++) {
                sink += run(b, s, ops);
            }
        }
        double[][] perOp = new double[SCENARIOS.length * 2][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int s = 0; s < SCENARIOS.length * 2; s++) {
                long start = threads.getCurrentThreadCpuTime();
                sink += run(b, s, ops);
                perOp[s][r] = (threads.getCurrentThreadCpuTime() - start) / (double) ops;
            }
        }
        b.tearDown();
        System.out.printf(
                "%-10s %12s %12s %8s %12s %12s %8s%n",
                "scenario", "LD min", "Cascade min", "ratio", "LD median", "Casc median", "ratio");
        for (int i = 0; i < SCENARIOS.length; i++) {
            double[] c = perOp[2 * i].clone();
            double[] l = perOp[2 * i + 1].clone();
            Arrays.sort(c);
            Arrays.sort(l);
            System.out.printf(
                    "%-10s %9.1f ns %9.1f ns %7.2fx %9.1f ns %9.1f ns %7.2fx%n",
                    SCENARIOS[i], l[0], c[0], l[0] / c[0], l[rounds / 2], c[rounds / 2], l[rounds / 2] / c[rounds / 2]);
        }
        System.out.println("(sink " + sink + ")");
    }

    private static long run(SideBySideBenchmark b, int scenario, int n) {
        switch (scenario) {
            case 0:
                return cascadePlain(b, n);
            case 1:
                return launchDarklyPlain(b, n);
            case 2:
                return cascadeRuleMatch(b, n);
            case 3:
                return launchDarklyRuleMatch(b, n);
            case 4:
                return cascadeRuleMiss(b, n);
            case 5:
                return launchDarklyRuleMiss(b, n);
            case 6:
                return cascadeSegment1k(b, n);
            case 7:
                return launchDarklySegment1k(b, n);
            case 8:
                return cascadeSplit25(b, n);
            case 9:
                return launchDarklySplit25(b, n);
            case 10:
                return cascadeTenRules(b, n);
            case 11:
                return launchDarklyTenRules(b, n);
            default:
                throw new IllegalArgumentException("scenario " + scenario);
        }
    }

    private static long cascadePlain(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.cascadePlain().reason().ordinal();
        }
        return acc;
    }

    private static long launchDarklyPlain(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.launchDarklyPlain() ? 1 : 0;
        }
        return acc;
    }

    private static long cascadeRuleMatch(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.cascadeRuleMatch().reason().ordinal();
        }
        return acc;
    }

    private static long launchDarklyRuleMatch(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.launchDarklyRuleMatch() ? 1 : 0;
        }
        return acc;
    }

    private static long cascadeRuleMiss(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.cascadeRuleMiss().reason().ordinal();
        }
        return acc;
    }

    private static long launchDarklyRuleMiss(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.launchDarklyRuleMiss() ? 1 : 0;
        }
        return acc;
    }

    private static long cascadeSegment1k(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.cascadeSegment1k().reason().ordinal();
        }
        return acc;
    }

    private static long launchDarklySegment1k(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.launchDarklySegment1k() ? 1 : 0;
        }
        return acc;
    }

    private static long cascadeSplit25(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.cascadeSplit25().reason().ordinal();
        }
        return acc;
    }

    private static long launchDarklySplit25(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.launchDarklySplit25() ? 1 : 0;
        }
        return acc;
    }

    private static long cascadeTenRules(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.cascadeTenRules().reason().ordinal();
        }
        return acc;
    }

    private static long launchDarklyTenRules(SideBySideBenchmark b, int n) {
        long acc = 0;
        for (int i = 0; i < n; i++) {
            acc += b.launchDarklyTenRules() ? 1 : 0;
        }
        return acc;
    }
}
