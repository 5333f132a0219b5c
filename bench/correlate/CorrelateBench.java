import dev.nettrace.correlate.Correlator;
import dev.nettrace.correlate.KernelAccess;
import dev.nettrace.correlate.ProcessSockets;
import dev.nettrace.correlate.SocketEntry;
import dev.nettrace.model.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of correlation on a host holding many sockets: snapshotting one process and every
 * process, against `ss -tanp` (and `ss -tan`) measured in the same run, alternating, medians;
 * and how many events per second the correlator folds.
 *
 * Usage (see run.sh): java -cp nettrace.jar CorrelateBench.java PID_HOLDING_SOCKETS ROUNDS
 */
public class CorrelateBench {
    public static void main(String[] args) throws Exception {
        int pid = Integer.parseInt(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        long[] one = new long[rounds], all = new long[rounds], ssp = new long[rounds], ss = new long[rounds];
        int oneCount = 0, allCount = 0;
        try (KernelAccess kernel = new KernelAccess(true)) {
            // warm-up: class loading, JIT, the netlink socket
            new ProcessSockets(kernel).of(pid);
            new ProcessSockets(kernel).all();
            run("ss", "-tanp");
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                List<SocketEntry> o = new ProcessSockets(kernel).of(pid);
                long t1 = System.nanoTime();
                List<SocketEntry> a = new ProcessSockets(kernel).all();
                long t2 = System.nanoTime();
                run("ss", "-tanp");
                long t3 = System.nanoTime();
                run("ss", "-tan");
                long t4 = System.nanoTime();
                one[r] = t1 - t0;
                all[r] = t2 - t1;
                ssp[r] = t3 - t2;
                ss[r] = t4 - t3;
                oneCount = o.size();
                allCount = a.size();
            }
        }
        System.out.printf("sockets: %d in the process, %d held by all processes%n", oneCount, allCount);
        System.out.printf("%-34s %10s %10s%n", "median of " + rounds + " alternating rounds", "ms", "vs ss -tanp");
        row("nettrace snapshot, one process", one, ssp);
        row("nettrace snapshot, all processes", all, ssp);
        row("ss -tanp (process spawn included)", ssp, ssp);
        row("ss -tan", ss, ssp);
        fold();
    }

    static void row(String what, long[] t, long[] anchor) {
        System.out.printf("%-34s %10.2f %10.2fx%n", what, median(t) / 1e6, (double) median(t) / median(anchor));
    }

    static long median(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed");
    }

    /**
     * Folding speed without kernel lookups (the pure bookkeeping): the event stream of a client
     * doing socket, connect (EINPROGRESS), getsockopt SO_ERROR, send, recv, recv EOF, close —
     * the shape curl produces — over many connections and four processes.
     */
    static void fold() {
        List<Event> events = new ArrayList<>();
        long ts = 1_700_000_000_000_000_000L;
        for (int i = 0; i < 50_000; i++) {
            int pid = 1000 + i % 4, fd = 3 + (i / 4) % 500;
            String remote = "127.0.0.1:" + (8000 + i % 100);
            events.add(ev(pid, "socket", -1, ts++, e -> { e.newFd = fd; e.ret = (long) fd; e.family = "AF_INET"; e.sockType = "SOCK_STREAM"; }));
            events.add(ev(pid, "connect", fd, ts++, e -> { e.remote = remote; e.ret = -1L; e.errno = "EINPROGRESS"; }));
            events.add(ev(pid, "getsockopt", fd, ts++, e -> { e.optname = "SO_ERROR"; e.optval = 0L; e.ret = 0L; }));
            events.add(ev(pid, "send", fd, ts++, e -> { e.bytes = 80L; e.ret = 80L; }));
            events.add(ev(pid, "recv", fd, ts++, e -> { e.bytes = 5000L; e.ret = 5000L; }));
            events.add(ev(pid, "recv", fd, ts++, e -> { e.bytes = 0L; e.ret = 0L; }));
            events.add(ev(pid, "close", fd, ts++, e -> e.ret = 0L));
        }
        long best = Long.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            Correlator c = new Correlator(new KernelAccess(false));
            long t0 = System.nanoTime();
            for (Event e : events) c.accept(e);
            int n = c.connections().size();
            best = Math.min(best, System.nanoTime() - t0);
            if (n != 50_000) throw new IllegalStateException("folded into " + n + " connections");
        }
        System.out.printf("folding: %d events into 50000 connections, %.0f events/s (best of 5, no kernel lookups)%n",
                events.size(), events.size() / (best / 1e9));
    }

    interface Fill {
        void fill(Event e);
    }

    static Event ev(int pid, String op, int fd, long ts, Fill f) {
        Event e = new Event();
        e.pid = pid;
        e.tid = pid;
        e.op = op;
        e.fd = fd;
        e.ts = ts;
        e.durNs = 1000L;
        e.source = "ptrace";
        f.fill(e);
        return e;
    }
}
