using Microsoft.ML.Runtime;

namespace Wandb.MLNet;

/// <summary>What <see cref="MLContextExtensions.CaptureTo"/> takes from <c>MLContext.Log</c>.</summary>
public sealed class MLContextCaptureOptions
{
    /// <summary>Lowest message kind copied to the run's output log; default <see cref="ChannelMessageKind.Info"/> (Info, Warning, Error).</summary>
    public ChannelMessageKind MinimumKind { get; set; } = ChannelMessageKind.Info;

    /// <summary>Copy messages to <c>runs/&lt;id&gt;/&lt;writer&gt;.output.log</c> in the folder store; default true.</summary>
    public bool WriteOutputLog { get; set; } = true;

    /// <summary>Turn the evaluation messages FastTree trainers write every <c>TestFrequency</c> trees into history rows; default true.</summary>
    public bool LogLearningCurves { get; set; } = true;

    /// <summary>
    /// The trainer's <c>TestFrequency</c>. When set, each learning-curve row also carries <c>trees</c> (the number
    /// of trees the row was measured at), computed as FastTree reports: every <c>TestFrequency</c> trees and after the last.
    /// </summary>
    public int? TestFrequency { get; set; }

    /// <summary>The trainer's <c>NumberOfTrees</c>; with <see cref="TestFrequency"/> it gives the tree count of the last row.</summary>
    public int? NumberOfTrees { get; set; }
}
