using System.Globalization;

namespace Wandb.Reports;

/// <summary>How numbers read in the Markdown and console summaries and <c>dotnet wandb ls</c>: 4 significant digits, a dash when undefined; durations in their unit.</summary>
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

    /// <summary>
    /// Seconds in the unit that keeps their digits, as the report page shows durations: a unit test's 0.43 ms is
    /// "430 µs", not "0.0004". The bounds are those of rounding to three significant digits, so 0.9996 s is "1.0 s".
    /// </summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 0 or double.NaN => "-",
        0 => "0 s",
        < 0.000_999_5 => (seconds * 1e6).ToString("G3", CultureInfo.InvariantCulture) + " µs",
        < 0.999_5 => (seconds * 1e3).ToString("G3", CultureInfo.InvariantCulture) + " ms",
        < 60 => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3600 => TimeSpan.FromSeconds(seconds).ToString(@"m\:ss", CultureInfo.InvariantCulture),
        _ => TimeSpan.FromSeconds(seconds).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>A difference of two durations: its sign, then the duration ("-12.3 ms"); a dash when undefined.</summary>
    public static string SignedDuration(double seconds) =>
        double.IsNaN(seconds) ? Undefined : (seconds < 0 ? "-" : string.Empty) + Duration(Math.Abs(seconds));

    /// <summary>
    /// How a summary value of <paramref name="metric"/> in <paramref name="group"/> reads: the test logger's durations in
    /// their unit (<see cref="TestLoggerSummary.IsTestDuration"/>), anything else as a number.
    /// </summary>
    public static Func<double, string> ForMetric(Grouping.RunGroup group, string metric) =>
        TestLoggerSummary.IsTestDuration(group, metric) ? Duration : Format;
}
