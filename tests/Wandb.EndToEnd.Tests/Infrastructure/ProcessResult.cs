namespace Wandb.EndToEnd.Tests.Infrastructure;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>A description for assertion messages: the command, exit code and the tail of its output.</summary>
    public override string ToString()
    {
        var output = Output;
        var tail = output.Length > 6000 ? "..." + output.Substring(output.Length - 6000) : output;
        return $"`{Command}` exited {ExitCode} after {Elapsed.TotalSeconds:0.0} s:\n{tail}";
    }
}
