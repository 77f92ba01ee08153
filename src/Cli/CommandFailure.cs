namespace Wandb.Cli;

/// <summary>A command cannot go on: printed as one error line, and the process ends with <see cref="ExitCode"/>.</summary>
internal sealed class CommandFailure : Exception
{
    public CommandFailure(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }

    /// <summary>A bad value of an option or argument; the message names it and the value.</summary>
    public static CommandFailure Usage(string message) => new(ExitCodes.Usage, message);

    public static CommandFailure Failed(string message) => new(ExitCodes.Failed, message);
}
