using Wandb.Storage;

namespace Wandb.Sdk.Tests.Runs;

[TestClass]
public sealed class RunLifecycleTests
{
    [TestMethod]
    public void A_logged_run_reads_back_with_its_identity_config_history_and_summary()
    {
        using var store = new TempStore();
        string id;
        using (var run = store.Init(new RunOptions { Project = "churn", Group = "cv-1", JobType = "fold", Tags = { "a" }, Notes = "n", Config = { ["learning_rate"] = 0.1, ["fold"] = 3 } }))
        {
            id = run.Id;
            run.Log(new Dictionary<string, double> { ["loss"] = 0.52, ["accuracy"] = 0.81 });
            run.Log(new Dictionary<string, double> { ["loss"] = 0.40 }, step: 10);
            run.Log(new Dictionary<string, double> { ["loss"] = 0.30 });
            run.Config["trees"] = 200;
            run.Summary["best_accuracy"] = 0.93;
            run.Finish();
        }

        var stored = store.Reader().GetRun(id)!;
        Assert.AreEqual("churn", stored.Project);
        Assert.AreEqual("cv-1", stored.Group);
        Assert.AreEqual("fold", stored.JobType);
        CollectionAssert.AreEqual(new[] { "a" }, stored.Tags.ToArray());
        Assert.AreEqual("n", stored.Notes);
        Assert.AreEqual(RunState.Finished, stored.State);
        Assert.AreEqual(0, stored.ExitCode);
        Assert.AreEqual(0.1, stored.Config["learning_rate"]);
        Assert.AreEqual(3L, stored.Config["fold"]);
        Assert.AreEqual(200L, stored.Config["trees"]);
        Assert.AreEqual(0.30, stored.Summary["loss"], "the summary defaults to the last logged value");
        Assert.AreEqual(0.81, stored.Summary["accuracy"]);
        Assert.AreEqual(0.93, stored.Summary["best_accuracy"]);
        var history = store.Reader().ReadHistory(id).ToList();
        CollectionAssert.AreEqual(new long[] { 0, 10, 11 }, history.Select(h => h.Step).ToArray());
        Assert.IsTrue(history.All(h => h.Timestamp > 1_700_000_000 && h.Runtime >= 0));
        Assert.IsTrue(history.Zip(history.Skip(1)).All(p => p.First.Runtime <= p.Second.Runtime));
    }

    [TestMethod]
    public void An_explicit_summary_value_overrides_the_last_logged_value()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());
        run.Log("accuracy", 0.7);
        run.Log("accuracy", 0.6);
        Assert.AreEqual(0.6, run.Summary["accuracy"]);

        run.Summary["accuracy"] = 0.7;
        run.Finish();

        Assert.AreEqual(0.7, store.Reader().GetRun(run.Id)!.Summary["accuracy"]);
    }

    [TestMethod]
    public void Finishing_with_a_non_zero_exit_code_marks_the_run_failed()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions());
        run.Finish(exitCode: 1);

        var stored = store.Reader().GetRun(run.Id)!;
        Assert.AreEqual(RunState.Failed, stored.State);
        Assert.AreEqual(1, stored.ExitCode);
    }

    [TestMethod]
    public void Disposing_while_an_exception_propagates_marks_the_run_failed()
    {
        using var store = new TempStore();
        string? id = null;
        try
        {
            using var run = store.Init(new RunOptions());
            id = run.Id;
            run.Log("loss", 1);
            throw new InvalidOperationException("training diverged");
        }
        catch (InvalidOperationException)
        {
        }

        Assert.AreEqual(RunState.Failed, store.Reader().GetRun(id!)!.State);
    }

    [TestMethod]
    public void Disposing_without_an_exception_marks_the_run_finished()
    {
        using var store = new TempStore();
        string id;
        using (var run = store.Init(new RunOptions()))
        {
            id = run.Id;
        }

        Assert.AreEqual(RunState.Finished, store.Reader().GetRun(id)!.State);
    }

    [TestMethod]
    public void An_open_run_reads_as_running_while_its_process_is_alive()
    {
        using var store = new TempStore();
        using var run = store.Init(new RunOptions());

        Assert.AreEqual(RunState.Running, store.Reader().GetRun(run.Id)!.State);
    }

    [TestMethod]
    public void Disabled_mode_writes_nothing_and_every_call_still_works()
    {
        using var store = new TempStore();
        var context = store.Context(new Dictionary<string, string?> { ["WANDB_MODE"] = "disabled", ["WANDB_DIR"] = store.Root });
        using var run = Run.Init(new RunOptions(), context);

        run.Log("loss", 1);
        run.Log(new Dictionary<string, object?> { ["not a number"] = "ignored when disabled" });
        run.Config["x"] = 1;
        run.Finish();

        Assert.IsTrue(run.IsDisabled);
        Assert.IsFalse(Directory.Exists(Path.Combine(store.Root, "runs")));
    }

    [TestMethod]
    public void NaN_and_infinities_round_trip_through_history_summary_and_config()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions { Config = { ["nan"] = double.NaN, ["inf"] = double.PositiveInfinity } });
        run.Log(new Dictionary<string, double> { ["a"] = double.NaN, ["b"] = double.PositiveInfinity, ["c"] = double.NegativeInfinity, ["d"] = double.Epsilon, ["e"] = double.MaxValue });
        run.Summary["best"] = double.NegativeInfinity;
        run.Finish();

        var row = store.Reader().ReadHistory(run.Id).Single();
        Assert.IsTrue(double.IsNaN(row.Values["a"]));
        Assert.AreEqual(double.PositiveInfinity, row.Values["b"]);
        Assert.AreEqual(double.NegativeInfinity, row.Values["c"]);
        Assert.AreEqual(double.Epsilon, row.Values["d"]);
        Assert.AreEqual(double.MaxValue, row.Values["e"]);
        var stored = store.Reader().GetRun(run.Id)!;
        Assert.IsTrue(double.IsNaN((double)stored.Summary["a"]!));
        Assert.AreEqual(double.NegativeInfinity, stored.Summary["best"]);
        Assert.IsTrue(double.IsNaN((double)stored.Config["nan"]!));
        Assert.AreEqual(double.PositiveInfinity, stored.Config["inf"]);
    }

    [TestMethod]
    public void Config_values_of_every_supported_shape_round_trip()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions());
        run.Config["text"] = "sgd";
        run.Config["flag"] = true;
        run.Config["count"] = 5;
        run.Config["rate"] = 0.5f;
        run.Config["layers"] = new[] { 64, 32 };
        run.Config["optimizer"] = new Dictionary<string, object?> { ["name"] = "adam", ["betas"] = new List<double> { 0.9, 0.999 }, ["extra"] = null };
        run.Finish();

        var config = store.Reader().GetRun(run.Id)!.Config;
        Assert.AreEqual("sgd", config["text"]);
        Assert.AreEqual(true, config["flag"]);
        Assert.AreEqual(5L, config["count"]);
        Assert.AreEqual(0.5, config["rate"]);
        CollectionAssert.AreEqual(new object[] { 64L, 32L }, (System.Collections.ICollection)config["layers"]!);
        var optimizer = (IReadOnlyDictionary<string, object?>)config["optimizer"]!;
        Assert.AreEqual("adam", optimizer["name"]);
        Assert.IsNull(optimizer["extra"]);
        var flat = store.Reader().GetRun(run.Id)!.FlatConfig;
        Assert.AreEqual("adam", flat["optimizer.name"]);
    }

    [TestMethod]
    public void Several_runs_open_at_once_in_one_process_keep_their_rows_apart()
    {
        using var store = new TempStore();
        var runs = Enumerable.Range(0, 8).Select(fold => store.Init(new RunOptions { Group = "cv", JobType = "fold", Config = { ["fold"] = fold } })).ToList();

        Parallel.ForEach(runs, run =>
        {
            var fold = Convert.ToInt32(run.Config["fold"]);
            for (var step = 0; step < 2000; step++)
            {
                run.Log(new Dictionary<string, double> { ["fold_value"] = fold, ["step_value"] = step });
            }

            run.Finish();
        });

        var reader = store.Reader();
        Assert.AreEqual(8, reader.ListRuns(new RunFilter { Group = "cv" }).Count());
        foreach (var run in runs)
        {
            var rows = reader.ReadHistory(run.Id).ToList();
            Assert.AreEqual(2000, rows.Count);
            var fold = Convert.ToDouble(run.Config["fold"]);
            Assert.IsTrue(rows.All(r => r.Values["fold_value"] == fold));
            CollectionAssert.AreEqual(Enumerable.Range(0, 2000).Select(i => (long)i).ToArray(), rows.Select(r => r.Step).ToArray());
        }
    }

    [TestMethod]
    public void Runs_can_be_listed_by_project_group_job_type_and_state()
    {
        using var store = new TempStore();
        store.Init(new RunOptions { Project = "p1", Group = "g1", JobType = "train" }).Finish();
        store.Init(new RunOptions { Project = "p1", Group = "g1", JobType = "eval" }).Finish(1);
        store.Init(new RunOptions { Project = "p2", Group = "g2", JobType = "train" }).Finish();

        var reader = store.Reader();
        Assert.AreEqual(3, reader.ListRuns().Count());
        Assert.AreEqual(2, reader.ListRuns(new RunFilter { Project = "p1" }).Count());
        Assert.AreEqual(1, reader.ListRuns(new RunFilter { Group = "g2" }).Count());
        Assert.AreEqual(2, reader.ListRuns(new RunFilter { JobType = "train" }).Count());
        Assert.AreEqual("eval", reader.ListRuns(new RunFilter { State = RunState.Failed }).Single().JobType);
    }
}
