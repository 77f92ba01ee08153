using Wandb.Environment;
using Wandb.Grouping.Curves;
using Wandb.Reports;
using Wandb.Storage;
using Wandb.Storage.Folder;

namespace Wandb.Sdk.Tests.Reports;

[TestClass]
public sealed class ReportModelTests
{
    [TestMethod]
    public void Runs_are_in_report_order_oldest_instant_first_then_by_id_whatever_the_offsets_and_the_order_given()
    {
        var noon = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        var runs = new[]
        {
            Run("b", noon),
            Run("a", noon.ToOffset(TimeSpan.FromHours(5))),                         // the same instant, written in another zone
            Run("z", new DateTimeOffset(2026, 12, 5, 15, 0, 0, TimeSpan.FromHours(5))), // 10:00 UTC: earlier, though its clock says later
            Run("c", noon.AddTicks(1)),
            Run("B", noon),
            Run("y", noon.AddHours(-1)),
        };
        var expected = runs.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id).ToArray();
        CollectionAssert.AreEqual(new[] { "z", "y", "B", "a", "b", "c" }, expected, "the order the reports promise");

        var random = new Random(7);
        for (var shuffle = 0; shuffle < 20; shuffle++)
        {
            var given = runs.OrderBy(_ => random.Next()).ToList();
            CollectionAssert.AreEqual(expected, ReportModel.InReportOrder(given).Select(r => r.Id).ToArray(), string.Join(",", given.Select(r => r.Id)));
        }
    }

    [TestMethod]
    public void Curves_are_built_from_histories_logged_through_the_api()
    {
        using var store = new TempStore();
        var fast = store.AddRun("g", "fast", log: run =>
        {
            for (var step = 0; step < 30; step++)
            {
                run.Log("loss", 1.0 / (step + 1));
            }
        });
        var slow = store.AddRun("g", "slow", log: run =>
        {
            for (var step = 0; step < 20; step++)
            {
                run.Log("loss", 2.0 / (step + 1));
            }
        });

        var model = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);
        var loss = model.Curves(CurveAxis.Step)["_step"]["loss"];
        var group = loss.Aggregate(model.Main.Groups.Single().RunIds);

        Assert.AreEqual(30, loss.Grid.Count);
        Assert.AreEqual(1.0 / 10, loss.ForRun(fast)!.Last[9]);
        Assert.AreEqual(2, group.N[19]);
        Assert.AreEqual(((1.0 / 20) + (2.0 / 20)) / 2, group.Mean[19], 1e-15);
        Assert.AreEqual(1, group.N[29], "The slow run ended at step 19 and is not extrapolated.");
        Assert.IsNotNull(loss.ForRun(slow));
    }

    [TestMethod]
    public void The_group_by_job_type_table_is_added_only_when_one_group_mixes_job_types()
    {
        using var store = new TempStore();
        store.AddRun("a", "a1", jobType: "train");
        store.AddRun("b", "b1", jobType: "eval");
        Assert.HasCount(1, Model(store).Tables, "each group has one job type, however they differ between groups");

        store.AddRun(null, "n1", jobType: "train");
        store.AddRun(null, "n2", jobType: null);
        Assert.HasCount(2, Model(store).Tables, "the runs without a group mix train and none");

        using var other = new TempStore();
        other.AddRun("a", "a1", jobType: "train");
        other.AddRun("a", "a2", jobType: "train");
        other.AddRun("b", "b1", jobType: "train");
        other.AddRun("b", "b2", jobType: "eval");
        var tables = Model(other).Tables;
        Assert.HasCount(2, tables, "group b mixes train and eval");
        CollectionAssert.AreEqual(new[] { "group", "job_type" }, tables[1].Keys.Select(k => k.Name).ToArray());

        using var none = new TempStore();
        none.AddRun("c", "c1", jobType: "train");
        none.AddRun("c", "c2", jobType: null);
        Assert.HasCount(2, Model(none).Tables, "group c mixes train and none");

        static ReportModel Model(TempStore store) => ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);
    }

    [TestMethod]
    public void Past_the_budget_only_the_groups_shown_in_full_decide_the_group_by_job_type_table()
    {
        // Created in this order: "old" is summarised past a budget that shows "new" in full. Read both ways a store past its
        // budget is read: from the group index (the runs shown are all the model grouped), and listing every run (the model
        // shows part of the runs it grouped).
        using var store = new TempStore();
        store.AddRun("old", "o1", jobType: "train");
        store.AddRun("old", "o2", jobType: "eval");
        store.AddRun("new", "n1", jobType: "train");
        store.AddRun("new", "n2", jobType: "train");
        foreach (var summarises in new[] { true, false })
        {
            Assert.HasCount(1, Model(summarises, budget: 2).Tables, $"only the summarised group mixes job types (group index: {summarises})");
        }

        store.AddRun("new", "n3", jobType: "eval");
        foreach (var summarises in new[] { true, false })
        {
            Assert.HasCount(2, Model(summarises, budget: 3).Tables, $"the group shown in full mixes train and eval (group index: {summarises})");
        }

        ReportModel Model(bool summarises, int budget) => ReportModel.Build(
            new FolderRunStore(store.Root, PhysicalStoreFileSystem.Instance, store.Output, SystemClock.Instance) { SummarisesGroups = summarises },
            new ReportOptions { MaxDetailRuns = budget },
            DateTimeOffset.UnixEpoch);
    }

    [TestMethod]
    public void Groups_whose_runs_alternate_are_each_checked_whole_for_focus_runs_and_mixed_job_types()
    {
        // The grouping skips the name look-up while runs of one group follow each other, and the focus runs and the table
        // choice come from the groups; runs of groups that alternate, and runs without a group between them, must give what
        // a look-up per run gives.
        using var store = new TempStore();
        var order = new (string? Group, string JobType)[] { ("f", "train"), ("o", "eval"), ("f", "train"), (null, "train"), ("o", "eval"), ("f", "train"), ("f", "train") };
        for (var i = 0; i < order.Length; i++)
        {
            store.AddRun(order[i].Group, "run" + i, jobType: order[i].JobType);
        }

        var model = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "f" } }, DateTimeOffset.UnixEpoch);
        CollectionAssert.AreEqual(model.Runs.Where(r => r.Group == "f").ToArray(), model.FocusRuns.ToArray());
        Assert.HasCount(4, model.FocusRuns);
        Assert.HasCount(1, model.Tables, "every group keeps one job type, though f's runs come between o's");
        var both = ReportModel.Build(store.Reader(), new ReportOptions { FocusGroups = { "f", "o" } }, DateTimeOffset.UnixEpoch);
        CollectionAssert.AreEqual(both.Runs.Where(r => r.Group is not null).ToArray(), both.FocusRuns.ToArray(), "two focus groups' runs, in report order");

        store.AddRun("o", "late", jobType: "train");
        var mixed = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);
        Assert.HasCount(2, mixed.Tables, "o's last run is train, its first ones eval");
        Assert.IsEmpty(mixed.FocusRuns, "no focus group asked for");
    }

    [TestMethod]
    public void Curves_on_several_axes_come_from_one_pass_and_are_kept()
    {
        using var store = new TempStore();
        store.AddRun("g", "r", log: run =>
        {
            run.Log(new Dictionary<string, double> { ["epoch"] = 1, ["acc"] = 0.5 });
            run.Log(new Dictionary<string, double> { ["epoch"] = 2, ["acc"] = 0.7 });
        });
        var model = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);

        var charts = model.Curves(CurveAxis.Step, CurveAxis.Of("epoch"), CurveAxis.Runtime);

        Assert.AreEqual(3, charts.Count);
        Assert.AreEqual(0.7, charts["epoch"]["acc"].Runs[0].Last.Last(v => !double.IsNaN(v)));
        Assert.AreSame(charts["_step"], model.Curves(CurveAxis.Step)["_step"]);
    }

    [TestMethod]
    public void Lower_is_better_for_a_loss_so_the_lowest_group_is_the_baseline()
    {
        using var store = new TempStore();
        foreach (var (group, loss) in new[] { ("a", 0.3), ("a", 0.32), ("b", 0.2), ("b", 0.22), ("c", 0.5), ("c", 0.52) })
        {
            store.AddRun(group, group, new Dictionary<string, object?> { ["val_loss"] = loss });
        }

        var model = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);

        Assert.AreEqual("b", model.Comparison!.Baseline.Label);
        Assert.IsTrue(model.Comparison.LowerIsBetter);
        CollectionAssert.AreEqual(new[] { "a", "c" }, model.Comparison.Rows.Select(r => r.Group.Label).ToArray());
        Assert.AreEqual(0.1, model.Comparison.Rows[0].Test.Difference, 1e-12);
    }

    [TestMethod]
    public void A_named_baseline_and_goal_override_the_defaults()
    {
        using var store = new TempStore();
        foreach (var (group, loss) in new[] { ("a", 0.3), ("a", 0.32), ("b", 0.2), ("b", 0.22) })
        {
            store.AddRun(group, group, new Dictionary<string, object?> { ["val_loss"] = loss });
        }

        var named = ReportModel.Build(store.Reader(), new ReportOptions { BaselineGroup = "a" }, DateTimeOffset.UnixEpoch);
        var flipped = ReportModel.Build(store.Reader(), new ReportOptions { HigherIsBetter = { "val_loss" } }, DateTimeOffset.UnixEpoch);
        var missing = ReportModel.Build(store.Reader(), new ReportOptions { BaselineGroup = "zzz" }, DateTimeOffset.UnixEpoch);

        Assert.AreEqual("a", named.Comparison!.Baseline.Label);
        Assert.AreEqual("a", flipped.Comparison!.Baseline.Label);
        Assert.AreEqual("b", missing.Comparison!.Baseline.Label);
        StringAssert.Contains(missing.Comparison.Note, "zzz");
    }

    [TestMethod]
    public void Key_metrics_default_to_the_numeric_metrics_most_runs_have()
    {
        using var store = new TempStore();
        store.AddRun("g", "r1", new Dictionary<string, object?> { ["acc"] = 0.5, ["rare"] = 1.0, ["path"] = "model.zip" });
        store.AddRun("g", "r2", new Dictionary<string, object?> { ["acc"] = 0.6, ["f1"] = 0.4 });
        store.AddRun("g", "r3", new Dictionary<string, object?> { ["f1"] = 0.2, ["acc"] = 0.1 });

        var model = ReportModel.Build(store.Reader(), new ReportOptions(), DateTimeOffset.UnixEpoch);

        CollectionAssert.AreEqual(new[] { "acc", "f1", "rare" }, model.KeyMetrics.ToArray());
        Assert.AreEqual("acc", model.CompareMetric);
    }

    private static Wandb.Storage.StoredRun Run(string id, DateTimeOffset createdAt) => new() { Id = id, Name = id, Project = "p", CreatedAt = createdAt };
}
