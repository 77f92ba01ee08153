using Wandb.Diagnostics;

namespace Wandb.Gates;

/// <summary>How a verdict is reported wherever a gate runs: an error or a warning with its code, or a message.</summary>
internal static class GateSeverity
{
    /// <summary>The verdict's code and whether it is an error; null code for a verdict only worth a message.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <param name="warnOnly"><c>WandbGateMode=warn</c>: failures are warnings.</param>
    /// <param name="requireBaseline"><c>WandbGateRequireBaseline</c>: a missing baseline is an error.</param>
    public static (string? Code, bool IsError) Of(GateVerdict verdict, bool warnOnly, bool requireBaseline) => verdict switch
    {
        GateVerdict.Regressed => (WarningCodes.GateRegressed, !warnOnly),
        GateVerdict.BelowMin => (WarningCodes.GateBelowMin, !warnOnly),
        GateVerdict.AboveMax => (WarningCodes.GateAboveMax, !warnOnly),
        GateVerdict.NoBaseline => (WarningCodes.GateNoBaseline, requireBaseline),
        GateVerdict.InsufficientData => (WarningCodes.GateInsufficientData, false),
        _ => (null, false),
    };

    /// <summary>The line a gate prints before its verdicts: what it compared with.</summary>
    public static string Headline(GateOutcome outcome) => outcome.Baseline.Baseline is { } baseline
        ? $"wandb gate: compared with the {baseline.Describe()}"
        : $"wandb gate: no baseline ({outcome.Baseline.Missing})";

    /// <summary>A verdict's message, with the reason it is an error when a missing baseline is one.</summary>
    public static string Message(GateVerdict verdict, string message, bool requireBaseline) =>
        verdict == GateVerdict.NoBaseline && requireBaseline ? message + " WandbGateRequireBaseline is true." : message;
}
