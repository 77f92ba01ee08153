namespace Wandb.TestSupport;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public string Output => StandardOutput + StandardError;

    /// <summary>For steps that must work for the test or benchmark to mean anything (packing, a first build).</summary>
    /// <exception cref="InvalidOperationException">The process exited with a non-zero code; the message is <see cref="ToString"/>.</exception>
    public ProcessResult ThrowIfFailed() => ExitCode == 0 ? this : throw new InvalidOperationException(ToString());

    /// <summary>A description for assertion messages: the command, exit code and the tail of its output.</summary>
    public override string ToString()
    {
        var output = Output;
        var tail = output.Length > 6000 ? "..." + output.Substring(output.Length - 6000) : output;
        return $"`{Command}` exited {ExitCode} after {Elapsed.TotalSeconds:0.0} s:\n{tail}";
    }
}
