using System.Globalization;

namespace Wandb.Gates;

/// <summary>How far the mean may move in the bad direction before a significant change counts: absolute, or a percent of the baseline mean.</summary>
internal readonly record struct GateTolerance(double Value, bool IsPercent)
{
    public static readonly GateTolerance None = new(0, false);

    /// <summary>The tolerance in the metric's units for a baseline mean of <paramref name="baselineMean"/>.</summary>
    public double Absolute(double baselineMean) => IsPercent ? Math.Abs(baselineMean) * Value / 100 : Value;

    public override string ToString() =>
        Value.ToString("G", CultureInfo.InvariantCulture) + (IsPercent ? "%" : string.Empty);
}
