using System.Globalization;
using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Grouping.Curves;
using Wandb.Json;
using Wandb.Storage;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the page's data (schema documented in docs/html-report.md, "Data contract"): the runs by column
/// (identity, flattened config, summary, failure message, system info; <see cref="PageRunsWriter"/>) and each
/// run's bucketed curves, which the page regroups by any key, plus what the page needs to compare groups the
/// way the engine does (which metrics are lower-is-better, which are the test logger's bookkeeping).
/// Histories are streamed once; only their buckets stay in memory.
/// </summary>
internal static class ReportDataWriter
{
    public const int Schema = 2;

    public static void Write(JsonWriter json, RunStore store, IReadOnlyList<StoredRun> runs, HtmlReportOptions options, DateTimeOffset generatedAt)
    {
        var charted = HtmlBudget.CurveRuns(runs, options);
        var buckets = HtmlBudget.BucketsPerChart(charted, options);
        var originMs = runs.Count == 0 ? 0 : runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds());
        var curves = StepCurves.Build(store, charted, buckets, options.MaxBuckets);
        options.Timings?.Mark(ReportTimings.PageCurves);
        var index = RowsOf(runs, charted);

        json.WriteStartObject();
        json.WriteProperty(JsonFields.Schema, Schema);
        json.WriteRoundTripTime(JsonFields.GeneratedAt, generatedAt);
        json.WriteProperty("buckets", buckets);
        json.WriteShortNumber("time_origin", originMs / 1000.0, "F3");
        json.WritePropertyName(JsonFields.Runs);
        var prefix = PageRunsPrefix.For(store, runs, originMs);
        PageRunsWriter.Write(json, runs, originMs, prefix);
        options.Timings?.Mark(ReportTimings.PageRuns);
        json.WriteStringArray("metrics", curves.Keys.Where(IsMetric));
        json.WritePropertyName("curves");
        json.WriteStartObject();
        foreach (var pair in curves.Where(p => IsMetric(p.Key)))
        {
            json.WritePropertyName(pair.Key);
            WriteCurves(json, pair.Value, index, 0, "G6");
        }

        json.WriteEndObject();
        json.WritePropertyName("axes");
        json.WriteStartObject();
        if (curves.TryGetValue(StepCurves.Runtime, out var runtime))
        {
            json.WritePropertyName("runtime");
            WriteCurves(json, runtime, index, 0, "G7");
        }

        if (curves.TryGetValue(StepCurves.Timestamp, out var wall))
        {
            json.WritePropertyName("wall");
            WriteCurves(json, wall, index, originMs / 1000.0, "F2");
        }

        json.WriteEndObject();
        var summaryMetrics = prefix is null ? SummaryMetrics(runs) : SummaryMetrics(runs.Skip(prefix.Runs.Count), prefix.SummaryMetrics);
        json.WriteStringArray("lower_is_better", summaryMetrics.OrderBy(m => m, StringComparer.Ordinal).Where(options.Goals.LowerIsBetter));
        json.WriteStringArray("logger_keys", TestLoggerSummary.Keys.OrderBy(k => k, StringComparer.Ordinal));
        json.WriteProperty("compare_metric", options.CompareMetric);
        PageGatesWriter.Write(json, options);
        if (options.Omitted is not null)
        {
            PageOmittedWriter.Write(json, options.Omitted);
        }

        if (charted.Count < runs.Count)
        {
            // Runs listed without curves: the page says how many, so a missing line is never a mystery.
            json.WritePropertyName("curves_omitted");
            json.WriteStartObject();
            json.WriteProperty(JsonFields.Runs, runs.Count - charted.Count);
            json.WriteProperty("point_budget", HtmlBudget.PointBudget);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>
    /// The row of each charted run with a history by id (the curves name their runs by id, and only those have curves,
    /// <see cref="StepCurves"/>). Beside a build's 20 charted runs a report shows thousands of test results, whose ids were
    /// hashed into a table of their own on every refresh.
    /// </summary>
    private static Dictionary<string, int> RowsOf(IReadOnlyList<StoredRun> runs, IReadOnlyCollection<StoredRun> charted)
    {
        // Most pages chart every run with a history (HtmlBudget.CurveRuns gives the runs back): then no set of ids is
        // hashed, which took 0.3 ms of a 100,000-run store's page (perf).
        var chartedIds = ReferenceEquals(charted, runs) ? null : new HashSet<string>(charted.Where(r => r.MayHaveHistory).Select(r => r.Id), StringComparer.Ordinal);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            if (runs[i].MayHaveHistory && (chartedIds is null || chartedIds.Contains(runs[i].Id)))
            {
                index[runs[i].Id] = i;
            }
        }

        return index;
    }

    /// <summary>
    /// The metrics the page may compare groups on: the numeric summary values of the runs, by name. A name already found is
    /// not looked at again: thousands of test results share the same few.
    /// </summary>
    /// <param name="runs">The runs.</param>
    /// <param name="known">The metrics of runs looked at before (<see cref="PageRunsPrefix.SummaryMetrics"/>), if any.</param>
    internal static HashSet<string> SummaryMetrics(IEnumerable<StoredRun> runs, IEnumerable<string>? known = null)
    {
        var metrics = new HashSet<string>(known ?? Array.Empty<string>(), StringComparer.Ordinal);
        foreach (var run in runs)
        {
            // A run's summary is a dictionary: walked as one, not through the interface (an enumerator object per run).
            if (run.Summary is Dictionary<string, object?> summary)
            {
                foreach (var pair in summary)
                {
                    Add(pair);
                }
            }
            else
            {
                foreach (var pair in run.Summary)
                {
                    Add(pair);
                }
            }
        }

        return metrics;

        void Add(KeyValuePair<string, object?> pair)
        {
            if (!metrics.Contains(pair.Key) && SummaryStatistics.TryNumber(pair.Value, out _))
            {
                metrics.Add(pair.Key);
            }
        }
    }

    private static bool IsMetric(string name) => name != StepCurves.Runtime && name != StepCurves.Timestamp;

    /// <summary>
    /// One chart: the grid (<c>x0</c>, <c>width</c>, <c>count</c>) and per run <c>[run index, first bucket, values]</c>
    /// with the run's leading and trailing gaps cut off; null inside the values is a gap.
    /// </summary>
    private static void WriteCurves(JsonWriter json, MetricCurves curves, IReadOnlyDictionary<string, int> index, double offset, string format)
    {
        json.WriteStartObject();
        json.WriteShortNumber("x0", curves.Grid.Count == 0 ? 0 : curves.Grid.X(0), "R");
        json.WriteShortNumber("width", curves.Grid.Width, "R");
        json.WriteProperty("count", curves.Grid.Count);
        json.WritePropertyName(JsonFields.Runs);
        json.WriteStartArray();

        // Each run's array is put together as text and written as one raw value: the writer's bookkeeping per number
        // (hundreds of thousands on a page of a thousand runs) cost more than the numbers' own formatting.
        foreach (var run in curves.Runs)
        {
            var last = run.Last;
            var first = Array.FindIndex(last, v => !double.IsNaN(v));
            if (first < 0 || !index.TryGetValue(run.RunId, out var runIndex))
            {
                continue;
            }

            // A gap (NaN) stays NaN after the offset and is written as null.
            var end = Array.FindLastIndex(last, v => !double.IsNaN(v));
            var values = Enumerable.Range(first, end - first + 1).Select(i => JsonWriterExtensions.ShortNumber(last[i] - offset, format) ?? "null");
            json.WriteRawValue("[" + runIndex.ToString(CultureInfo.InvariantCulture) + "," + first.ToString(CultureInfo.InvariantCulture) + ",[" + string.Join(",", values) + "]]");
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
