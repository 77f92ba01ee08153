using Newtonsoft.Json;
using Wandb.Grouping;
using Wandb.Grouping.Curves;
using Wandb.Json;
using Wandb.Reports.Json;
using Wandb.Runs;
using Wandb.Storage;
using Wandb.Storage.Codec;

namespace Wandb.Reports.Html;

/// <summary>
/// Writes the page's data (schema documented in docs/html-report.md, "Data contract"): compact per-run data
/// (identity, flattened config, summary, failure message, an index into the distinct system infos) and each
/// run's bucketed curves, which the page regroups by any key, plus what the page needs to compare groups the
/// way the engine does (which metrics are lower-is-better, which are the test logger's bookkeeping).
/// Histories are streamed once; only their buckets stay in memory.
/// </summary>
internal static class ReportDataWriter
{
    public const int Schema = 1;

    public static void Write(JsonWriter json, RunStore store, IReadOnlyList<StoredRun> runs, HtmlReportOptions options, DateTimeOffset generatedAt)
    {
        var buckets = HtmlBudget.BucketsPerChart(runs, options);
        var origin = runs.Count == 0 ? 0 : runs.Min(r => r.CreatedAt.ToUnixTimeMilliseconds()) / 1000.0;
        var curves = StepCurves.Build(store, runs, buckets);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            index[runs[i].Id] = i;
        }

        json.WriteStartObject();
        json.WriteProperty(JsonFields.Schema, Schema);
        json.WriteRoundTripTime(JsonFields.GeneratedAt, generatedAt);
        json.WriteProperty("buckets", buckets);
        json.WriteShortNumber("time_origin", origin, "F3");
        var systems = new List<SystemInfo>();
        var systemIndex = new Dictionary<SystemKey, int>();
        json.WritePropertyName(JsonFields.Runs);
        json.WriteStartArray();
        foreach (var run in runs)
        {
            // Runs of one process share their system info: the page holds each one once.
            var key = SystemKey.Of(run.System);
            if (!systemIndex.TryGetValue(key, out var system))
            {
                systemIndex[key] = system = systems.Count;
                systems.Add(run.System);
            }

            json.WriteStartObject();
            ReportRunWriter.WriteFields(json, run, ReportRunWriter.PageFields);
            json.WriteProperty(JsonFields.SystemInfo, system);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WritePropertyName("systems");
        json.WriteStartArray();
        foreach (var system in systems)
        {
            StoreDocumentWriter.WriteSystem(json, system);
        }

        json.WriteEndArray();
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
            WriteCurves(json, wall, index, origin, "F2");
        }

        json.WriteEndObject();
        json.WriteStringArray("lower_is_better", SummaryMetrics(runs).Where(options.Goals.LowerIsBetter));
        json.WriteStringArray("logger_keys", TestLoggerSummary.Keys.OrderBy(k => k, StringComparer.Ordinal));
        json.WriteProperty("compare_metric", options.CompareMetric);
        json.WriteEndObject();
    }

    /// <summary>The metrics the page may compare groups on: the numeric summary values of the runs, by name.</summary>
    private static IEnumerable<string> SummaryMetrics(IEnumerable<StoredRun> runs) =>
        runs.SelectMany(r => r.Summary.Where(p => SummaryStatistics.TryNumber(p.Value, out _)).Select(p => p.Key))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(m => m, StringComparer.Ordinal);

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
        foreach (var run in curves.Runs)
        {
            var last = run.Last;
            var first = Array.FindIndex(last, v => !double.IsNaN(v));
            if (first < 0 || !index.TryGetValue(run.RunId, out var runIndex))
            {
                continue;
            }

            var end = Array.FindLastIndex(last, v => !double.IsNaN(v));
            json.WriteStartArray();
            json.WriteValue(runIndex);
            json.WriteValue(first);
            json.WriteStartArray();
            for (var i = first; i <= end; i++)
            {
                // A gap (NaN) stays NaN after the offset and is written as null.
                json.WriteShortNumber(last[i] - offset, format);
            }

            json.WriteEndArray();
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The fields of a system info, compared by value.</summary>
    private readonly record struct SystemKey(string? Host, string? Os, string? DotNet, int Pid, string? GitCommit, string? GitBranch, bool? GitDirty, string? CiProvider, string? CiRunId)
    {
        public static SystemKey Of(SystemInfo s) => new(s.Host, s.Os, s.DotNet, s.Pid, s.GitCommit, s.GitBranch, s.GitDirty, s.CiProvider, s.CiRunId);
    }
}
