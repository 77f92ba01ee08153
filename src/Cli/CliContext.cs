using Wandb.Environment;

namespace Wandb.Cli;

/// <summary>
/// What a command sees of the world: its output streams, the environment variables and the current folder.
/// The process's own by default; tests hand in writers and a dictionary instead.
/// </summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, IEnvironmentVariables environment, string currentDirectory, bool errorIsTerminal)
    {
        Output = output;
        Error = error;
        Environment = environment;
        CurrentDirectory = currentDirectory;
        ErrorIsTerminal = errorIsTerminal;
    }

    /// <summary>Results: tables, JSON, summary lines.</summary>
    public TextWriter Output { get; }

    /// <summary>Errors, warnings and progress, so results stay clean when piped.</summary>
    public TextWriter Error { get; }

    public IEnvironmentVariables Environment { get; }

    public string CurrentDirectory { get; }

    /// <summary>Whether progress may redraw one line in place (standard error is a terminal) or must print plain lines.</summary>
    public bool ErrorIsTerminal { get; }

    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, ProcessEnvironmentVariables.Instance, System.Environment.CurrentDirectory, !Console.IsErrorRedirected);
}
