using Wandb.Grouping.Curves;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class CurveBuilderTests
{
    [TestMethod]
    public void A_short_run_gets_one_bucket_per_step()
    {
        var builder = new CurveBuilder(CurveAxis.Step);
        builder.AddRun("r1", Rows(Enumerable.Range(0, 10).Select(s => (s, s * 0.5))));

        var loss = builder.Build()["loss"];

        Assert.AreEqual(1.0, loss.Grid.Width);
        Assert.AreEqual(10, loss.Grid.Count);
        Assert.AreEqual(3.0, loss.Grid.X(3));
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).Select(s => s * 0.5).ToArray(), loss.Runs[0].Last);
    }

    [TestMethod]
    public void A_long_run_is_bucketed_into_at_most_B_buckets_keeping_the_last_value_min_and_max()
    {
        var builder = new CurveBuilder(CurveAxis.Step, maxBuckets: 1000);
        builder.AddRun("r1", Rows(Enumerable.Range(0, 10_000).Select(s => (s, Wave(s)))));

        var loss = builder.Build()["loss"];
        var run = loss.Runs[0];

        // 10,000 steps need 16-step buckets (8-step ones would be 1,250 > 1,000): 625 buckets.
        Assert.AreEqual(16.0, loss.Grid.Width);
        Assert.AreEqual(625, loss.Grid.Count);
        for (var b = 0; b < 625; b++)
        {
            var steps = Enumerable.Range(b * 16, 16).ToList();
            Assert.AreEqual(Wave(steps[^1]), run.Last[b], $"bucket {b} last");
            Assert.AreEqual(steps.Min(Wave), run.Min[b], $"bucket {b} min");
            Assert.AreEqual(steps.Max(Wave), run.Max[b], $"bucket {b} max");
        }
    }

    [TestMethod]
    public void A_spike_survives_downsampling_in_the_bucket_max()
    {
        var builder = new CurveBuilder(CurveAxis.Step, maxBuckets: 100);
        builder.AddRun("r1", Rows(Enumerable.Range(0, 5000).Select(s => (s, s == 1234 ? 1e6 : 1.0))));

        var run = builder.Build()["loss"].Runs[0];

        Assert.AreEqual(1e6, run.Max.Max());
        Assert.AreEqual(1.0, run.Last.Where(v => !double.IsNaN(v)).Max(), "The spike is not the last value of its bucket.");
    }

    [TestMethod]
    public void Runs_that_end_early_are_not_extrapolated_and_n_drops()
    {
        var builder = new CurveBuilder(CurveAxis.Step);
        builder.AddRun("long", Rows(Enumerable.Range(0, 100).Select(s => (s, 1.0))));
        builder.AddRun("short", Rows(Enumerable.Range(0, 50).Select(s => (s, 3.0))));

        var group = builder.Build()["loss"].Aggregate(new[] { "long", "short" });

        Assert.AreEqual(2, group.N[49]);
        Assert.AreEqual(2.0, group.Mean[49]);
        Assert.AreEqual(1, group.N[50]);
        Assert.AreEqual(1.0, group.Mean[50]);
        Assert.AreEqual(1.0, group.Max[99]);
    }

    [TestMethod]
    public void Buckets_where_no_run_logged_are_gaps_not_zeros()
    {
        var builder = new CurveBuilder(CurveAxis.Step);
        builder.AddRun("r1", Rows(new[] { (0, 5.0), (10, 7.0) }));

        var metric = builder.Build()["loss"];
        var group = metric.Aggregate(new[] { "r1" });

        Assert.AreEqual(11, metric.Grid.Count);
        Assert.AreEqual(0, group.N[5]);
        Assert.IsTrue(double.IsNaN(group.Mean[5]));
        Assert.IsTrue(double.IsNaN(metric.Runs[0].Last[5]));
        Assert.AreEqual(7.0, group.Mean[10]);
    }

    [TestMethod]
    public void Runs_of_different_lengths_share_one_grid_exactly()
    {
        var builder = new CurveBuilder(CurveAxis.Step, maxBuckets: 1000);
        builder.AddRun("long", Rows(Enumerable.Range(0, 10_000).Select(s => (s, (double)s))));
        builder.AddRun("short", Rows(Enumerable.Range(0, 100).Select(s => (s, 1000.0 + s))));

        var metric = builder.Build()["loss"];
        var shortRun = metric.ForRun("short")!;

        Assert.AreEqual(16.0, metric.Grid.Width);
        Assert.AreEqual(1015.0, shortRun.Last[0], "Bucket 0 covers steps 0-15, so it holds step 15's value.");
        Assert.AreEqual(1099.0, shortRun.Last[6], "Bucket 6 covers steps 96-111; the run ended at step 99.");
        Assert.IsTrue(double.IsNaN(shortRun.Last[7]));
        Assert.AreEqual(2, metric.Aggregate(new[] { "long", "short" }).N[6]);
    }

    [TestMethod]
    public void Bucketing_random_runs_equals_bucketing_every_point_on_the_final_grid()
    {
        var random = new Random(12345);
        for (var trial = 0; trial < 20; trial++)
        {
            var builder = new CurveBuilder(CurveAxis.Runtime, maxBuckets: 50);
            var runs = new Dictionary<string, List<(double X, double Y)>>();
            for (var r = 0; r < 4; r++)
            {
                var scale = Math.Pow(10, random.Next(-3, 5));
                var offset = random.NextDouble() * scale * (random.Next(2) == 0 ? -1 : 1);
                var points = Enumerable.Range(0, random.Next(1, 400))
                    .Select(_ => (X: offset + (random.NextDouble() * scale), Y: random.NextDouble()))
                    .ToList();
                runs["r" + r] = points;
                builder.AddRun("r" + r, points.Select((p, i) => new HistoryRow(i, p.X, 0, new Dictionary<string, double> { ["m"] = p.Y })));
            }

            var metric = builder.Build()["m"];
            var grid = metric.Grid;
            Assert.IsTrue(grid.Count <= 50, $"trial {trial}: {grid.Count} buckets");
            var allIndices = runs.Values.SelectMany(p => p).Select(p => (long)Math.Floor(p.X / (grid.Width / 2))).ToList();
            if (grid.Width > Math.Pow(2, -20))
            {
                Assert.IsTrue(allIndices.Max() - allIndices.Min() + 1 > 50, $"trial {trial}: a grid half as wide would have fit");
            }

            foreach (var (id, points) in runs)
            {
                var curve = metric.ForRun(id)!;
                for (var b = 0; b < grid.Count; b++)
                {
                    var inBucket = points.Where(p => (long)Math.Floor(p.X / grid.Width) == grid.First + b).ToList();
                    if (inBucket.Count == 0)
                    {
                        Assert.IsTrue(double.IsNaN(curve.Last[b]), $"trial {trial} {id} bucket {b} should be a gap");
                        continue;
                    }

                    Assert.AreEqual(inBucket[^1].Y, curve.Last[b], $"trial {trial} {id} bucket {b} last");
                    Assert.AreEqual(inBucket.Min(p => p.Y), curve.Min[b], $"trial {trial} {id} bucket {b} min");
                    Assert.AreEqual(inBucket.Max(p => p.Y), curve.Max[b], $"trial {trial} {id} bucket {b} max");
                }
            }
        }
    }

    [TestMethod]
    public void Any_logged_metric_can_be_the_x_axis()
    {
        var builder = new CurveBuilder(CurveAxis.Of("epoch"));
        var rows = new[]
        {
            Row(0, ("epoch", 1), ("acc", 0.5)),
            Row(1, ("acc", 0.55)),
            Row(2, ("epoch", 2), ("acc", 0.6)),
            Row(3, ("epoch", 2), ("acc", 0.65)),
        };
        builder.AddRun("r1", rows);

        var curves = builder.Build();
        var acc = curves["acc"];

        Assert.IsFalse(curves.ContainsKey("epoch"), "The x metric is not charted against itself.");
        Assert.AreEqual(0.5, acc.Runs[0].Last[Bucket(acc.Grid, 1)]);
        Assert.AreEqual(0.65, acc.Runs[0].Last[Bucket(acc.Grid, 2)], "The last value logged at epoch 2 wins.");
        Assert.AreEqual(0.6, acc.Runs[0].Min[Bucket(acc.Grid, 2)]);
    }

    [TestMethod]
    public void NaN_values_are_counted_and_left_out_of_the_curve()
    {
        var builder = new CurveBuilder(CurveAxis.Step);
        builder.AddRun("r1", Rows(new[] { (0, 1.0), (1, double.NaN), (2, double.PositiveInfinity), (3, 2.0) }));

        var run = builder.Build()["loss"].Runs[0];

        Assert.AreEqual(2, run.NonFinite);
        Assert.AreEqual(2, run.Points);
        Assert.IsTrue(double.IsNaN(run.Last[1]));
        Assert.AreEqual(2.0, run.Last[3]);
    }

    [TestMethod]
    public void Line_and_band_choices_pick_the_matching_statistics()
    {
        var builder = new CurveBuilder(CurveAxis.Step);
        builder.AddRun("a", Rows(new[] { (0, 1.0) }));
        builder.AddRun("b", Rows(new[] { (0, 2.0) }));
        builder.AddRun("c", Rows(new[] { (0, 6.0) }));

        var group = builder.Build()["loss"].Aggregate(new[] { "a", "b", "c" });

        Assert.AreEqual(3.0, group.Line(CurveLine.Mean)[0]);
        Assert.AreEqual(2.0, group.Line(CurveLine.Median)[0]);
        Assert.AreEqual(1.0, group.Line(CurveLine.Min)[0]);
        Assert.AreEqual(6.0, group.Line(CurveLine.Max)[0]);
        Assert.IsNull(group.Band(CurveBand.None));
        Assert.AreEqual((1.0, 6.0), (group.Band(CurveBand.MinMax)!.Value.Low[0], group.Band(CurveBand.MinMax)!.Value.High[0]));

        // std of 1, 2, 6 = sqrt(7), stderr sqrt(7/3), t(0.975, 2) = 4.3026527.
        Assert.AreEqual(3 - Math.Sqrt(7), group.Band(CurveBand.Std)!.Value.Low[0], 1e-12);
        Assert.AreEqual(3 + Math.Sqrt(7.0 / 3), group.Band(CurveBand.StdErr)!.Value.High[0], 1e-12);
        Assert.AreEqual(3 + (4.3026527 * Math.Sqrt(7.0 / 3)), group.Band(CurveBand.Ci95)!.Value.High[0], 1e-6);
    }

    private static int Bucket(CurveGrid grid, double x) => (int)((long)Math.Floor(x / grid.Width) - grid.First);

    private static double Wave(int step) => Math.Sin(step * 0.37) + (step % 7);

    private static IEnumerable<HistoryRow> Rows(IEnumerable<(int Step, double Loss)> points) =>
        points.Select(p => Row(p.Step, ("loss", p.Loss)));

    private static HistoryRow Row(long step, params (string Key, double Value)[] values) =>
        new(step, step * 0.1, 1_800_000_000 + step, values.ToDictionary(v => v.Key, v => v.Value));
}
