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
    /// Seconds in the unit that keeps their digits, exactly as the report page writes durations (values.js
    /// <c>formatDuration</c>; both are tested on the cases of web/test/durations.json): a unit test's 0.43 ms is
    /// "430 µs", not "0.0004"; "5.12 s", "42.3 s", "2m 5s", "2h 1m". The bounds are those of the rounding, so 0.9996 s
    /// is "1.00 s" and 59.96 s "1m 0s".
    /// </summary>
    public static string Duration(double seconds) => seconds switch
    {
        < 0 or double.NaN => "-",
        0 => "0 s",
        < 0.000_999_5 => (seconds * 1e6).ToString("G3", CultureInfo.InvariantCulture) + " µs",
        < 0.999_5 => (seconds * 1e3).ToString("G3", CultureInfo.InvariantCulture) + " ms",
        < 9.995 => seconds.ToString("0.00", CultureInfo.InvariantCulture) + " s",
        < 59.95 => seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => MinutesOrHours(seconds),
    };

    private static string MinutesOrHours(double seconds)
    {
        var total = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        var minutes = total / 60;
        return minutes < 60
            ? FormattableString.Invariant($"{minutes}m {total % 60}s")
            : FormattableString.Invariant($"{minutes / 60}h {minutes % 60}m");
    }

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
