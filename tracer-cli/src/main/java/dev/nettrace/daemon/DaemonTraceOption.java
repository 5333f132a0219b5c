package dev.nettrace.daemon;

import dev.nettrace.agent.AgentAttach;
import dev.nettrace.agent.AgentDispatch;
import dev.nettrace.agent.AgentRun;
import dev.nettrace.cli.NativeHelper;
import dev.nettrace.cli.TraceOptions;
import dev.nettrace.cli.UserError;
import dev.nettrace.wire.AgentArguments;
import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `run --daemon` and `attach --daemon`: the trace goes to the daemon's store instead of the
 * terminal. attach hands the whole trace to the daemon (it outlives this command); run keeps the
 * command in the foreground, streams the helper's records to the daemon, and returns its status.
 */
public final class DaemonTraceOption {
    @Option(names = "--daemon", description = "Send the trace to the nettrace daemon (see 'nettrace daemon'); read it later with 'nettrace dump PID'.")
    boolean daemon;

    @Mixin SocketOption socket;

    private static final String END_OF_RECORDS = "{\"type\":\"nettrace-end\"}";
    private static final int LINES_PER_FRAME = 2000;

    public boolean enabled() {
        return daemon;
    }

    /**
     * attach --daemon: the trace outlives this command. A JVM gets the agent in daemon mode and
     * reports to the daemon itself; for other processes (and JVMs that cannot reach the
     * daemon's socket) the daemon attaches its own ptrace helper.
     */
    public int attach(TraceOptions trace, Collection<Integer> pids) throws IOException, InterruptedException {
        socket.request(Map.of("cmd", "status"), line -> { }); // a missing daemon is the first thing to say
        for (int pid : pids) {
            boolean agent = AgentDispatch.forAttach(trace.via, List.of(pid)) && AgentAttach.attachToDaemon(pid, socket.path(), trace.stack);
            if (agent) awaitReporting(pid);
            else socket.request(Map.of("cmd", "attach", "pid", pid), line -> { });
            System.err.println("nettrace: the daemon traces pid " + pid + (agent ? " (agent)" : "") + "; 'nettrace dump " + pid
                    + "' shows it, 'nettrace detach " + pid + "' ends it");
        }
        return 0;
    }

    private static final long AGENT_CONNECT_MS = 15_000;

    /** The agent was loaded; it has joined when the daemon lists its process as live. */
    private void awaitReporting(int pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + AGENT_CONNECT_MS;
        String row = "\"pid\":" + pid + ",";
        while (System.currentTimeMillis() < deadline) {
            boolean[] live = {false};
            socket.request(Map.of("cmd", "ps"), line -> live[0] |= line.contains(row) && line.contains("\"live\":true"));
            if (live[0]) return;
            Thread.sleep(100);
        }
        throw new UserError("the agent in JVM " + pid + " did not reach the daemon within " + AGENT_CONNECT_MS / 1000 + " s; see that JVM's stderr");
    }

    /**
     * run --daemon: a JVM gets the agent in daemon mode (it reports to the daemon itself, and
     * again after a daemon restart); anything else runs under the ptrace helper, its records
     * streamed to the daemon. Returns CMD's exit status.
     */
    public int run(TraceOptions trace, boolean noSeccomp, List<String> command) throws IOException, InterruptedException {
        DaemonClient client;
        try {
            client = DaemonClient.connect(socket.path());
        } catch (DaemonException e) {
            throw new UserError(e.getMessage());
        }
        if (AgentDispatch.forRun(trace.via, command)) {
            client.close();
            Process jvm = AgentRun.start(command, AgentArguments.daemon(socket.path().toAbsolutePath().toString(), trace.stack).format());
            return jvm.waitFor();
        }
        try {
            client.send(Frame.of(Frame.HELLO, "{\"proto\":1,\"source\":\"ptrace\"}"));
        } catch (IOException e) {
            client.close();
            throw new UserError("the daemon at " + socket.path() + " hung up: " + e.getMessage());
        }
        Path dir = Files.createTempDirectory("nettrace-");
        Path fifo = dir.resolve("records");
        try (client) {
            mkfifo(fifo);
            // Read-write, so opening cannot block and the end marker below can always be written.
            RandomAccessFile records = new RandomAccessFile(fifo.toFile(), "rw");
            List<String> cmd = new ArrayList<>(List.of(NativeHelper.locate().path().toString(), "--format", "json", "-qq", "-o", fifo.toString()));
            if (noSeccomp) cmd.add("--no-seccomp");
            cmd.add("--");
            cmd.addAll(command);
            Process helper = new ProcessBuilder(cmd).inheritIO().start();
            AtomicLong acked = new AtomicLong();
            Thread replies = new Thread(() -> readReplies(client, helper, acked), "nettrace-daemon-replies");
            replies.setDaemon(true);
            replies.start();
            long[] sent = new long[1];
            Thread pump = new Thread(() -> sent[0] = forward(records, client), "nettrace-daemon-forward");
            pump.start();
            int status = helper.waitFor();
            try (FileOutputStream end = new FileOutputStream(fifo.toFile())) {
                end.write(("\n" + END_OF_RECORDS + "\n").getBytes(StandardCharsets.UTF_8));
            }
            pump.join();
            records.close();
            long deadline = System.currentTimeMillis() + 10_000;
            while (acked.get() < sent[0] && replies.isAlive() && System.currentTimeMillis() < deadline) Thread.sleep(10);
            if (acked.get() < sent[0]) System.err.println("nettrace: the daemon did not confirm the last " + (sent[0] - acked.get()) + " batch(es) of records");
            return status;
        } finally {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(dir);
        }
    }

    /** Sends the helper's lines in frames; returns how many frames went out. */
    private static long forward(RandomAccessFile records, DaemonClient client) {
        long frames = 0;
        boolean daemonGone = false;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(records.getChannel()), StandardCharsets.UTF_8), 1 << 16);
            StringBuilder batch = new StringBuilder();
            int lines = 0;
            for (String line; (line = in.readLine()) != null; ) {
                boolean end = line.equals(END_OF_RECORDS);
                if (!end && !line.isEmpty()) {
                    batch.append(line).append('\n');
                    lines++;
                }
                // A frame when the helper pauses or the batch is large, and whatever is left at the end.
                if (lines > 0 && (end || lines >= LINES_PER_FRAME || batch.length() > Frame.MAX_LENGTH / 2 || !in.ready())) {
                    if (!daemonGone) {
                        try {
                            client.send(Frame.of(Frame.RECORDS, batch.toString()));
                            frames++;
                        } catch (IOException e) {
                            daemonGone = true; // keep draining so the helper never blocks on its output
                            System.err.println("nettrace: lost the daemon (" + e.getMessage() + "); the rest of the trace is not stored");
                        }
                    }
                    batch.setLength(0);
                    lines = 0;
                }
                if (end) break;
            }
        } catch (IOException e) {
            System.err.println("nettrace: reading the helper's records: " + e.getMessage());
        }
        return frames;
    }

    private static void readReplies(DaemonClient client, Process helper, AtomicLong acked) {
        try {
            while (true) {
                Frame f = client.receive();
                if (f.type() == Frame.ACK) acked.set(f.ackCount());
                else if (f.type() == Frame.DETACH) helper.destroy(); // the helper detaches; the command runs on
            }
        } catch (DaemonException e) {
            if (helper.isAlive()) System.err.println("nettrace: " + e.getMessage());
        } catch (IOException e) {
            // closed at the end of the run
        }
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("cannot create a FIFO at " + path + ": " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
