package dev.nettrace.daemon;

import dev.nettrace.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "agent-jar", mixinStandardHelpOptions = true,
        description = {"Print the agent jar's path, then the -javaagent: argument that makes a JVM report to the daemon",
                "(for a java command line, or JAVA_TOOL_OPTIONS to cover a whole host)."})
public final class AgentJarCommand implements Callable<Integer> {
    @Mixin SocketOption socket;

    @Override
    public Integer call() {
        Path jar = locate();
        System.out.println(jar);
        System.out.println("-javaagent:" + jar + "=" + AGENT_ARGUMENT + socket.path().toAbsolutePath());
        return 0;
    }

    /** How the agent is told to report to a daemon socket. */
    static final String AGENT_ARGUMENT = "socket=";

    /** NETTRACE_AGENT_JAR, a copy next to the nettrace jar, or the build tree's agent/target. */
    static Path locate() {
        List<Path> tried = new ArrayList<>();
        String env = System.getenv("NETTRACE_AGENT_JAR");
        if (env != null && !env.isEmpty()) {
            Path p = Path.of(env);
            if (Files.isRegularFile(p)) return p.toAbsolutePath();
            throw new UserError("NETTRACE_AGENT_JAR names " + p + ", which is not a file");
        }
        Path self = selfLocation();
        if (self != null) {
            // tracer-cli/target/nettrace.jar or tracer-cli/target/classes: the agent is built beside it.
            Path dir = Files.isDirectory(self) ? self.getParent() : self.getParent();
            for (Path candidate : List.of(dir.resolve("nettrace-agent.jar"), dir.resolve("../../agent/target").normalize())) {
                tried.add(candidate);
                Path found = agentJarIn(candidate);
                if (found != null) return found.toAbsolutePath();
            }
        }
        throw new UserError("no agent jar found (looked at " + tried + "); build it with 'mvn -pl agent package' or set NETTRACE_AGENT_JAR");
    }

    private static Path agentJarIn(Path candidate) {
        Path jar = Files.isDirectory(candidate) ? candidate.resolve("nettrace-agent.jar") : candidate;
        return Files.isRegularFile(jar) ? jar : null;
    }

    private static Path selfLocation() {
        try {
            return Path.of(AgentJarCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }
}
