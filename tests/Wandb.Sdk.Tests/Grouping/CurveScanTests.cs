using System.Text.Json.Nodes;
using Wandb.Grouping.Curves;

namespace Wandb.Sdk.Tests.Grouping;

[TestClass]
public sealed class CurveScanTests
{
    [TestMethod]
    public void A_crashed_run_whose_state_lags_its_history_still_gets_its_curve_and_row_less_finished_runs_are_skipped()
    {
        using var store = new TempStore();
        var crashed = store.Init(new RunOptions { Id = "crashed1" });
        for (var i = 0; i < 20; i++)
        {
            crashed.Log("loss", 1.0 / (i + 1));
        }

        crashed.Finish();
        var rowLess = store.Init(new RunOptions { Id = "summary1" });
        rowLess.Summary["outcome"] = "passed";
        rowLess.Finish();

        // What a SIGKILL leaves: rows on disk, a state written before them that still says running.
        var statePath = Directory.GetFiles(Path.Combine(store.Root, "runs", "crashed1"), "*.state.json").Single();
        var state = JsonNode.Parse(File.ReadAllText(statePath))!.AsObject();
        state["state"] = "running";
        state["rows"] = 0;
        state["pid"] = int.MaxValue - 7;
        File.WriteAllText(statePath, state.ToJsonString());

        var reader = store.Reader();
        var runs = reader.ListRuns().ToList();
        Assert.AreEqual(RunState.Crashed, runs.Single(r => r.Id == "crashed1").State);
        var builder = new CurveBuilder(CurveAxis.Step);
        CurveScan.Run(reader, runs, new[] { builder });

        var loss = builder.Build()["loss"];
        Assert.IsNotNull(loss.ForRun("crashed1"), "the crashed run's history is read although its state counts no rows");
        Assert.IsFalse(builder.Build().Values.Any(m => m.ForRun("summary1") is { }), "a cleanly finished run without rows has no curve");
    }
}
