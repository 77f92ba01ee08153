namespace Wandb.Cli;

/// <summary>The exit codes of <c>dotnet wandb</c>, documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>The command did everything it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command could not finish: the store or a folder could not be read or written, the port was taken.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown command or option, or a bad value (the error names it).</summary>
    public const int Usage = 2;

    /// <summary>The command finished but left something out, each with a warning: rejected files, conflicting runs.</summary>
    public const int Incomplete = 3;

    /// <summary><c>gate</c>: a verdict is regressed, below_min or above_max (WANDB200-202), and <c>--warn</c> was not given.</summary>
    public const int GateFailed = 4;
}
