using Wandb.Diagnostics;

namespace Wandb.Cli.Terminal;

/// <summary>The engines' warnings go to standard error with their codes (as everywhere: <c>wandb: warning WANDB0xx: ...</c>); their summary lines are results, on standard output.</summary>
internal sealed class CliOutput : IWandbOutput
{
    private readonly CliContext _context;
    private readonly object _gate = new();

    public CliOutput(CliContext context) => _context = context;

    /// <summary>Warnings written so far; a command that left something out ends with <see cref="ExitCodes.Incomplete"/>.</summary>
    public int Warnings { get; private set; }

    /// <summary>Shown progress is cleared before a line is written, so the two never mix on a terminal.</summary>
    public ProgressDisplay? Progress { get; set; }

    public void Warning(string code, string message)
    {
        lock (_gate)
        {
            Warnings++;
            Progress?.Clear();
            _context.Error.WriteLine($"wandb: warning {code}: {message}");
        }
    }

    public void Info(string message)
    {
        lock (_gate)
        {
            Progress?.Clear();
            _context.Output.WriteLine(message);
        }
    }
}
