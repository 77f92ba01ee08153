namespace Wandb.Gates;

/// <summary>
/// One <c>WandbGate</c> item: a metric that must not regress against the baseline beyond noise, and floors on
/// its group mean. Made by <see cref="GateRuleParser"/>, which checks every value.
/// </summary>
internal sealed record GateRule
{
    /// <summary>The summary metric (a flattened name such as <c>valid.Accuracy</c>).</summary>
    public required string Metric { get; init; }

    /// <summary>The job type whose runs are compared; null for every job type that has the metric.</summary>
    public string? JobType { get; init; }

    public GateTolerance Tolerance { get; init; } = GateTolerance.None;

    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>The test's confidence: a difference is significant when p &lt; 1 - Confidence.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>True when lower is better, false when higher is; null for the metric naming rule (<see cref="Grouping.MetricGoals"/>).</summary>
    public bool? LowerIsBetter { get; init; }

    /// <summary>The rule as its item would be written, for messages.</summary>
    public string Describe(bool lowerIsBetter)
    {
        var parts = new List<string> { $"WandbGate {Metric}" };
        if (JobType is not null)
        {
            parts.Add($"JobType={JobType}");
        }

        parts.Add($"Direction={(lowerIsBetter ? "lower" : "higher")}");
        parts.Add($"Tolerance={Tolerance}");
        parts.Add($"Confidence={Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (Min is { } min)
        {
            parts.Add($"Min={min.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (Max is { } max)
        {
            parts.Add($"Max={max.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        return string.Join(" ", parts);
    }
}
