package org.liko.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code liko completion}: prints picocli's bash/zsh completion script of every command and
 * option ({@link AutoComplete#bash}), generated from the command line itself so it cannot
 * drift from it.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {"Print a bash/zsh completion script for liko.",
        "Use: source <(liko completion)   (or save it under /etc/bash_completion.d/liko;"
            + " zsh: autoload -U +X bashcompinit && bashcompinit first)"})
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(AutoComplete.bash("liko", spec.root().commandLine()));
    spec.commandLine().getOut().flush();
    return ExitCode.OK;
  }
}
