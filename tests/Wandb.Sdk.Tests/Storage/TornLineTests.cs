namespace Wandb.Sdk.Tests.Storage;

[TestClass]
public sealed class TornLineTests
{
    [TestMethod]
    public void A_torn_trailing_line_is_skipped_with_a_warning_and_every_whole_row_is_read()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions());
        for (var i = 0; i < 5; i++)
        {
            run.Log("loss", i);
        }

        run.Finish();
        var history = Directory.GetFiles(Path.Combine(store.Root, "runs", run.Id), "*.history.jsonl").Single();
        File.AppendAllText(history, "{\"_step\":5,\"_runtime\":0.1,\"loss\":0.");

        var rows = store.Reader().ReadHistory(run.Id).ToList();

        Assert.AreEqual(5, rows.Count);
        var warning = store.Output.Warnings.Single(w => w.Code == "WANDB003");
        StringAssert.Contains(warning.Message, "line 6");
    }

    [TestMethod]
    public void Garbage_in_the_middle_of_a_history_file_costs_only_that_line()
    {
        using var store = new TempStore();
        var run = store.Init(new RunOptions());
        run.Log("loss", 1);
        run.Finish();
        var history = Directory.GetFiles(Path.Combine(store.Root, "runs", run.Id), "*.history.jsonl").Single();
        File.AppendAllText(history, "not json\n{\"_step\":7,\"_runtime\":1,\"_timestamp\":2,\"loss\":\"NaN\",\"note\":\"text\",\"ok\":true}\n");

        var rows = store.Reader().ReadHistory(run.Id).ToList();

        CollectionAssert.AreEqual(new long[] { 0, 7 }, rows.Select(r => r.Step).ToArray());
        Assert.IsTrue(double.IsNaN(rows[1].Values["loss"]));
        Assert.IsFalse(rows[1].Values.ContainsKey("note"), "string values other than the non-finite markers are not metrics");
    }

    [TestMethod]
    public void An_unreadable_run_json_skips_that_run_with_a_warning()
    {
        using var store = new TempStore();
        var good = store.Init(new RunOptions());
        good.Finish();
        var bad = store.Init(new RunOptions());
        bad.Finish();
        File.WriteAllText(Path.Combine(store.Root, "runs", bad.Id, "run.json"), "{ broken");

        var runs = store.Reader().ListRuns().ToList();

        Assert.AreEqual(good.Id, runs.Single().Id);
        Assert.IsTrue(store.Output.Codes.Contains("WANDB006"));
    }
}
