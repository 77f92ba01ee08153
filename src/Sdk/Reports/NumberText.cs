using System.Globalization;

namespace Wandb.Reports;

/// <summary>How numbers read in the Markdown and console summaries: 4 significant digits, a dash when undefined.</summary>
internal static class NumberText
{
    public const string Undefined = "–";

    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return Undefined;
        }

        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-∞";
        }

        return value.ToString("G4", CultureInfo.InvariantCulture);
    }

    /// <summary>A p-value: 4 significant digits, or "&lt;0.0001" below that.</summary>
    public static string P(double p) =>
        double.IsNaN(p) ? Undefined : p < 0.0001 ? "<0.0001" : p.ToString("G4", CultureInfo.InvariantCulture);
}
