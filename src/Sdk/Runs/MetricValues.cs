using System.Globalization;

namespace Wandb.Runs;

/// <summary>Converts logged metric values to doubles, rejecting anything that is not a number.</summary>
internal static class MetricValues
{
    public static double ToDouble(string key, object? value) => value switch
    {
        double d => d,
        float f => f,
        int or long or short or sbyte or byte or ushort or uint or ulong or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        null => throw new ArgumentException($"Metric '{key}' is null; only numbers can be logged.", nameof(value)),
        _ => throw new ArgumentException(
            $"Metric '{key}' has the value '{value}' of type {value.GetType().Name}; only numbers can be logged. Put text in Config or Summary instead.",
            nameof(value)),
    };
}
