namespace Wandb.MLNet;

/// <summary>Warning codes of the ML.NET helpers (WANDB020-029, documented in docs/warnings.md).</summary>
internal static class MLNetWarningCodes
{
    /// <summary>The run's output log cannot be written; ML.NET messages are no longer copied to it.</summary>
    public const string OutputLogNotWritable = "WANDB020";
}
