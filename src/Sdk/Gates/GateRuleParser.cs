using System.Globalization;

namespace Wandb.Gates;

/// <summary>Reads a gate rule from an item's name and metadata, naming the field and the value of anything it cannot use.</summary>
internal static class GateRuleParser
{
    public const string JobType = "JobType";
    public const string Tolerance = "Tolerance";
    public const string Min = "Min";
    public const string Max = "Max";
    public const string Confidence = "Confidence";
    public const string Direction = "Direction";

    /// <param name="metric">The item's name: the metric.</param>
    /// <param name="metadata">The item's metadata by name; empty or missing means the default.</param>
    /// <exception cref="FormatException">A value cannot be used; the message names the rule, the field and the value.</exception>
    public static GateRule Parse(string metric, Func<string, string?> metadata)
    {
        metric = metric.Trim();
        if (metric.Length == 0)
        {
            throw new FormatException("A WandbGate item has an empty name; its name is the metric to gate, such as valid.Accuracy.");
        }

        var rule = new GateRule
        {
            Metric = metric,
            JobType = Text(metadata(JobType)),
            Tolerance = ParseTolerance(metric, Text(metadata(Tolerance))),
            Min = Number(metric, Min, Text(metadata(Min))),
            Max = Number(metric, Max, Text(metadata(Max))),
            Confidence = ParseConfidence(metric, Text(metadata(Confidence))),
            LowerIsBetter = ParseDirection(metric, Text(metadata(Direction))),
        };
        if (rule.Min is { } min && rule.Max is { } max && min > max)
        {
            throw new FormatException($"WandbGate {metric}: Min ({Invariant(min)}) is greater than Max ({Invariant(max)}), so no mean could pass.");
        }

        return rule;
    }

    private static GateTolerance ParseTolerance(string metric, string? text)
    {
        if (text is null)
        {
            return GateTolerance.None;
        }

        var percent = text.EndsWith("%", StringComparison.Ordinal);
        var number = percent ? text.Substring(0, text.Length - 1).Trim() : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= 0) || double.IsInfinity(value))
        {
            throw new FormatException($"WandbGate {metric}: Tolerance '{text}' is not a number of at least 0 or a percent such as 2%.");
        }

        return new GateTolerance(value, percent);
    }

    private static double ParseConfidence(string metric, string? text)
    {
        if (text is null)
        {
            return 0.95;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0 && value < 1))
        {
            throw new FormatException($"WandbGate {metric}: Confidence '{text}' is not a number between 0 and 1 (exclusive), such as 0.95.");
        }

        return value;
    }

    private static bool? ParseDirection(string metric, string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "lower" => true,
        "higher" => false,
        _ => throw new FormatException($"WandbGate {metric}: Direction '{text}' is neither 'higher' nor 'lower'."),
    };

    private static double? Number(string metric, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new FormatException($"WandbGate {metric}: {field} '{text}' is not a finite number.");
        }

        return value;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static string Invariant(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
