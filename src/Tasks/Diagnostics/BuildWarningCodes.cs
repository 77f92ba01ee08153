namespace Wandb.Build.Tasks.Diagnostics;

/// <summary>
/// Codes of the warnings the MSBuild integration reports (range 030-049). Each is listed with what to do in
/// docs/warnings.md. Warnings from the SDK underneath (for example WANDB001, the store cannot be written)
/// keep their own codes.
/// </summary>
internal static class BuildWarningCodes
{
    /// <summary>A tracked target could not get a run (bad setting, store failure); the target runs untracked.</summary>
    public const string RunNotStarted = "WANDB030";

    /// <summary>WandbTrackedTargets lists more targets than there are hook slots; the rest run untracked.</summary>
    public const string TooManyTrackedTargets = "WANDB031";

    /// <summary>A property named in WandbConfigProperties is not a global property, so the task cannot read it.</summary>
    public const string ConfigPropertyNotReadable = "WANDB032";

    /// <summary>A WandbConfig item has no Value metadata.</summary>
    public const string ConfigItemWithoutValue = "WANDB033";

    /// <summary>The run of a tracked target could not be finished (not found, or the store failed).</summary>
    public const string RunNotFinished = "WANDB034";

    /// <summary>The reports could not be refreshed at the end of the build.</summary>
    public const string ReportsNotWritten = "WANDB035";

    /// <summary>The per-build id could not be obtained; the group falls back to one per project.</summary>
    public const string BuildIdUnavailable = "WANDB036";
}
