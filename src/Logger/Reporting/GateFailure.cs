namespace Wandb.TestLogger.Reporting;

/// <summary>
/// A verdict that fails the test run (an error, not a warning): where no build reports the verdicts after the test app
/// (Microsoft.Testing.Platform), it is reported as a failed test of this name whose message is the coded error.
/// </summary>
/// <param name="Name">What the failed test is called: <c>wandb gate: &lt;metric&gt; [&lt;job type&gt;]</c>.</param>
/// <param name="Message">The error as the build words it: <c>error WANDB2xx: ...</c>.</param>
internal sealed record GateFailure(string Name, string Message)
{
    /// <summary>The name of a failure that is not one rule's (the baseline file cannot be read).</summary>
    public const string GateName = "wandb gate";

    public static GateFailure Of(string metric, string jobType, string code, string text) => new($"{GateName}: {metric} [{jobType}]", ErrorText(code, text));

    /// <summary>A gate error as the session prints it and the build's error line reads: <c>error WANDB200: ...</c>.</summary>
    public static string ErrorText(string code, string text) => $"error {code}: {text}";
}
