package dev.nettrace.cli;

import dev.nettrace.daemon.AgentJarCommand;
import dev.nettrace.daemon.DaemonCommand;
import dev.nettrace.daemon.DetachCommand;
import dev.nettrace.daemon.DumpCommand;
import dev.nettrace.daemon.PsCommand;
import dev.nettrace.diagnose.DiagnoseCommand;
import dev.nettrace.probe.ProbeCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `nettrace` command. Every failure reaches the user as one line, never as a stack trace. */
@Command(name = "nettrace", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "What is this process doing on the network, and why is it failing?")
public final class Main implements Runnable {
    /**
     * Every command, in the order usage lists them. picocli builds a command's model by reflection
     * over all its options (tens of milliseconds each, before the JIT has warmed up), so a run
     * registers only the command it names; usage, help and a mistyped name get them all.
     */
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, AttachCommand.class, SocketsCommand.class,
            ProbeCommand.class, DiagnoseCommand.class, DaemonCommand.class, PsCommand.class, DumpCommand.class,
            DetachCommand.class, AgentJarCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, attach, ...)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> command : commandsFor(args)) cl.addSubcommand(command);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (Boolean.getBoolean("nettrace.debug")) ex.printStackTrace();
            cmd.getErr().println("nettrace: " + UserError.describe(ex));
            return ex instanceof UserError ue ? ue.exitCode() : 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("nettrace: " + ex.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        return cl.execute(args);
    }

    private static List<Class<?>> commandsFor(String[] args) {
        if (args.length == 0) return COMMANDS;
        if (args[0].equals("--version") || args[0].equals("-V")) return List.of();
        for (Class<?> command : COMMANDS) {
            Command c = command.getAnnotation(Command.class);
            if (c.name().equals(args[0]) && command != CommandLine.HelpCommand.class) return List.of(command);
        }
        return COMMANDS;
    }
}
