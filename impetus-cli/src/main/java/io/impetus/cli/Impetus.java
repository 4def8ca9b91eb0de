package io.impetus.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code impetus} command, {@code bin/impetus}: a tool per subcommand. A user error (a bad
 * option, a missing file) is one line on standard error and a non-zero status, never a stack
 * trace.
 */
@Command(name = "impetus", mixinStandardHelpOptions = true, subcommands = LogsCommand.class,
    description = "Impetus tools. See 'impetus logs --help'.")
public final class Impetus implements Runnable {

  /** Runs the command; exits with its status. */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err,
        true)));
  }

  /** Runs the command with these streams; returns its status. */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine command = new CommandLine(new Impetus()).setOut(out).setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true);
    command.setExecutionExceptionHandler((exception, failed, parsed) -> {
      err.println(failed.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
      return 1;
    });
    return command.execute(args);
  }

  /** Without a subcommand: the usage. */
  @Override
  public void run() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        "say which tool to run, e.g. 'impetus logs tasks/<id>/stage1.ok'");
  }
}
