using Wandb.Gates;
using Wandb.Grouping;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class GateTrendTests
{
    /// <summary>
    /// The trend computes the statistics of the newest groups only; its points must be exactly those of every group's
    /// statistics ordered by time, the gated group moved last and the last <c>count</c> kept.
    /// </summary>
    [TestMethod]
    public void The_trend_equals_the_newest_groups_of_all_groups_statistics_with_the_gated_group_last()
    {
        var random = new Random(1234);
        for (var trial = 0; trial < 200; trial++)
        {
            var groups = random.Next(1, 30);
            var runs = new List<StoredRun>();
            for (var g = 0; g < groups; g++)
            {
                // Some groups lack the metric (no point), some share a time with another (ordered by name then).
                var values = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.NextDouble()).ToArray();
                var metric = random.Next(5) == 0 ? "other" : "acc";
                runs.AddRange(GateRuns.Group("g" + g.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), random.Next(4) == 0 ? "eval" : "fold", metric, values, minute: random.Next(groups)));
            }

            // Now and then the gated group has no run of the job type: the trend is then the newest groups alone.
            var current = "g" + random.Next(groups + 2).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            var baseline = "g" + random.Next(groups).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            var count = random.Next(1, 8);
            var gate = new GateRow { Project = "churn", Metric = "acc", JobType = "fold", Group = current, Baseline = baseline, Verdict = GateVerdict.Unchanged, Current = Wandb.Grouping.Statistics.MetricStatistics.Empty };

            var actual = GateTrend.Of(gate, runs, count);
            var expected = Reference(runs, "acc", "fold", baseline, current, count);

            CollectionAssert.AreEqual(expected.Select(Describe).ToList(), actual.Select(Describe).ToList(), $"trial {trial}: {groups} groups, current {current}, count {count}");
        }
    }

    /// <summary>The series index the runs by project and job type once; each must equal the trend read from all runs.</summary>
    [TestMethod]
    public void Every_series_equals_the_trend_of_its_job_type_read_from_all_runs()
    {
        var random = new Random(99);
        var runs = new List<StoredRun>();
        for (var g = 0; g < 12; g++)
        {
            foreach (var jobType in new[] { "fold", "eval", "Adds", "Divides" }.Where(_ => random.Next(3) > 0))
            {
                var values = Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.NextDouble()).ToArray();
                runs.AddRange(GateRuns.Group("g" + g.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), jobType, "acc", values, minute: g, project: g % 3 == 0 ? "other" : "churn"));
            }
        }

        var focus = runs.Where(r => r.Group == "g11").ToList();
        var keyTrends = GateTrend.Series(Array.Empty<GateRow>(), runs, focus, "acc", "g02", count: 5, maxSeries: 10);
        var gates = new[] { "fold", "eval", "Adds" }
            .Select(j => new GateRow { Project = "churn", Metric = "acc", JobType = j, Group = "g10", Baseline = "g04", Verdict = GateVerdict.Unchanged, Current = Wandb.Grouping.Statistics.MetricStatistics.Empty })
            .ToList();
        var gateTrends = GateTrend.Series(gates, runs, focus, "acc", null, count: 5, maxSeries: 10);

        Assert.IsNotEmpty(keyTrends);
        foreach (var series in keyTrends)
        {
            var expected = Reference(runs.Where(r => r.Project == series.Project).ToList(), "acc", series.JobType, "g02", "g11", 5, series.Project);
            CollectionAssert.AreEqual(expected.Select(Describe).ToList(), series.Points.Select(Describe).ToList(), series.JobType);
        }

        Assert.HasCount(gates.Count(g => runs.Any(r => r.Project == "churn" && r.JobType == g.JobType)), gateTrends);
        foreach (var series in gateTrends)
        {
            var gate = gates.Single(g => g.JobType == series.JobType);
            CollectionAssert.AreEqual(GateTrend.Of(gate, runs, 5).Select(Describe).ToList(), series.Points.Select(Describe).ToList(), series.JobType);
        }
    }

    /// <summary>
    /// A test suite has a job type per test method, and a few trends are shown: the series chosen must be exactly the top
    /// ones of every job type's trend (most points, then project and job type), also when groups lack the metric, so a
    /// job type has fewer points than groups.
    /// </summary>
    [TestMethod]
    public void The_key_metric_trends_are_the_top_series_of_every_job_type_when_few_are_shown()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 40; trial++)
        {
            var runs = new List<StoredRun>();
            var jobTypes = Enumerable.Range(0, random.Next(1, 60)).Select(j => "Test" + j.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var groups = random.Next(1, 9);
            for (var g = 0; g < groups; g++)
            {
                foreach (var jobType in jobTypes.Where(_ => random.Next(3) > 0))
                {
                    var metric = random.Next(4) == 0 ? "other" : "duration_ms";
                    runs.AddRange(GateRuns.Group("g" + g, jobType, metric, new[] { random.NextDouble() }, minute: g, project: random.Next(5) == 0 ? "other" : "suite"));
                }
            }

            var focus = runs.Where(r => r.Group == "g" + (groups - 1)).ToList();
            var maxSeries = random.Next(1, 8);
            var count = random.Next(1, 6);

            var shown = GateTrend.Series(Array.Empty<GateRow>(), runs, focus, "duration_ms", null, count, maxSeries);

            // Every job type of the focus runs with its trend read from all runs, ordered as the page shows them.
            var all = focus.Select(r => (r.Project, JobType: r.JobType!)).Distinct()
                .Select(p => (p.Project, p.JobType, Points: Reference(runs, "duration_ms", p.JobType, "none", "g" + (groups - 1), count, p.Project)))
                .Where(t => t.Points.Count >= 2)
                .OrderByDescending(t => t.Points.Count)
                .ThenBy(t => t.Project, StringComparer.Ordinal)
                .ThenBy(t => t.JobType, StringComparer.Ordinal)
                .ToList();
            var expected = all.Take(maxSeries).Select(t => $"{t.Project}/{t.JobType}: {string.Join(",", t.Points.Select(Describe))}").ToList();
            CollectionAssert.AreEqual(expected, shown.Select(s => $"{s.Project}/{s.JobType}: {string.Join(",", s.Points.Select(Describe))}").ToList(), $"trial {trial}: {jobTypes.Count} job types, {groups} groups, {maxSeries} shown of {all.Count}, count {count}");
        }
    }

    private static string Describe(TrendPoint p) => $"{p.Group}@{p.Time:O} n={p.Stats.N} mean={p.Stats.Mean:R} base={p.IsBaseline} current={p.IsCurrent}";

    private static List<TrendPoint> Reference(List<StoredRun> runs, string metric, string jobType, string baseline, string current, int count, string project = "churn")
    {
        var points = runs
            .Where(r => r.Project == project && r.JobType == jobType)
            .GroupBy(r => r.Group!, StringComparer.Ordinal)
            .Select(g => (Group: g.Key, Time: g.Max(r => r.CreatedAt), Stats: SummaryStatistics.Of(g).TryGetValue(metric, out var s) ? s : null))
            .Where(p => p.Stats is { N: > 0 })
            .OrderBy(p => p.Time)
            .ThenBy(p => p.Group, StringComparer.Ordinal)
            .Select(p => new TrendPoint(p.Group, p.Time, p.Stats!, p.Group == baseline, p.Group == current))
            .ToList();
        var gated = points.FindIndex(p => p.IsCurrent);
        if (gated >= 0)
        {
            var point = points[gated];
            points.RemoveAt(gated);
            points.Add(point);
        }

        return points.Skip(Math.Max(0, points.Count - count)).ToList();
    }
}
