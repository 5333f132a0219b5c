package dev.nettrace.daemon;

import dev.nettrace.cli.EmbeddedFile;
import dev.nettrace.cli.UserError;
import dev.nettrace.wire.AgentArguments;
import dev.nettrace.wire.DaemonSocket;
import dev.nettrace.wire.UserDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "agent-jar", mixinStandardHelpOptions = true,
        description = {"Print the agent jar's path, then the JVM options that make a JVM report to the daemon whenever one runs",
                "(for a java command line, or JAVA_TOOL_OPTIONS to cover a whole host)."})
public final class AgentJarCommand implements Callable<Integer> {
    @Mixin SocketOption socket;

    @Override
    public Integer call() {
        Path jar, boot;
        String env = System.getenv(EmbeddedFile.AGENT_JAR.envOverride());
        if (env != null && !env.isEmpty()) {
            jar = Path.of(env).toAbsolutePath();
            if (!Files.isRegularFile(jar)) throw new UserError(EmbeddedFile.AGENT_JAR.envOverride() + " names " + Path.of(env) + ", which is not a file");
            boot = EmbeddedFile.nested(jar, EmbeddedFile.AGENT_BOOT_JAR);
        } else {
            // The embedded agent, at a path that stays the same across runs and upgrades, because
            // users write it into JAVA_TOOL_OPTIONS and systemd units (the cache copy that run and
            // attach use is named by content, so it moves with every new agent); its boot jar beside it.
            jar = EmbeddedFile.place(EmbeddedFile.bytes(EmbeddedFile.AGENT_JAR), stableDir().resolve(EmbeddedFile.AGENT_JAR.name()), false);
            boot = EmbeddedFile.place(EmbeddedFile.nestedBytes(jar, EmbeddedFile.AGENT_BOOT_JAR), jar.resolveSibling(EmbeddedFile.AGENT_BOOT_JAR), false);
        }
        System.out.println(jar);
        // The bootstrap classes on -Xbootclasspath/a from the start: appended only when the daemon
        // appears, they would make the JVM print a class-data-sharing warning on the application's output.
        System.out.println("-Xbootclasspath/a:" + boot + " -javaagent:" + jar + "=" + AgentArguments.daemon(socket.path().toAbsolutePath().toString(), false).format());
        return 0;
    }

    /** /var/lib/nettrace for root (readable by the JVMs of every user), else $XDG_DATA_HOME/nettrace (~/.local/share/nettrace). */
    private static Path stableDir() {
        if (DaemonSocket.effectiveUid() == 0) return Path.of("/var/lib/nettrace");
        return UserDirs.of("XDG_DATA_HOME", ".local/share").resolve("nettrace");
    }
}
