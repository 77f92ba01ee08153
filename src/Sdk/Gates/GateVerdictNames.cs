namespace Wandb.Gates;

/// <summary>The verdicts as runs.json, summary.md and the build's messages spell them.</summary>
internal static class GateVerdictNames
{
    public static string ToName(this GateVerdict verdict) => verdict switch
    {
        GateVerdict.Regressed => "regressed",
        GateVerdict.Improved => "improved",
        GateVerdict.Unchanged => "unchanged",
        GateVerdict.BelowMin => "below_min",
        GateVerdict.AboveMax => "above_max",
        GateVerdict.NoBaseline => "no_baseline",
        GateVerdict.InsufficientData => "insufficient_data",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    /// <summary>Whether the verdict fails the build or test run (unless the gate only warns).</summary>
    public static bool Fails(this GateVerdict verdict) => verdict is GateVerdict.Regressed or GateVerdict.BelowMin or GateVerdict.AboveMax;

    /// <exception cref="FormatException"><paramref name="name"/> is not a verdict's name.</exception>
    public static GateVerdict Parse(string name) =>
        Enum.GetValues(typeof(GateVerdict)).Cast<GateVerdict>().Where(v => v.ToName() == name).Select(v => (GateVerdict?)v).FirstOrDefault()
        ?? throw new FormatException($"'{name}' is not a gate verdict.");
}
