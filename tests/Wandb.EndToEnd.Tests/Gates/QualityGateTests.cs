using System.Text.Json.Nodes;
using Wandb.EndToEnd.Tests.Infrastructure;

namespace Wandb.EndToEnd.Tests.Gates;

[TestClass]
public sealed class QualityGateTests
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void Seed_noise_passes_as_unchanged_warn_mode_only_warns_and_a_deliberately_worse_build_fails_with_WANDB200()
    {
        using var workspace = TestWorkspace.Create("gate-cv");
        GatedConsumer.Write(workspace, "Churn");
        var environment = workspace.StoreEnvironment();

        var first = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=1", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        StringAssert.Contains(first.StandardOutput, "warning WANDB203", "an empty store has no baseline: " + first);

        var noise = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=2", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, noise.ExitCode, noise.ToString());
        var firstGroup = GatedConsumer.GroupOf(first);
        var noiseGroup = GatedConsumer.GroupOf(noise);
        StringAssert.Contains(noise.StandardOutput, $"wandb gate: compared with the baseline group {firstGroup}");
        StringAssert.Contains(noise.StandardOutput, $"valid.Accuracy of job type fold in group {noiseGroup}: unchanged");
        Assert.IsFalse(noise.Output.Contains("WANDB20", StringComparison.Ordinal), noise.ToString());

        var warned = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=3 -p:Degrade=0.03 -p:WandbGateMode=warn", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, warned.ExitCode, warned.ToString());
        StringAssert.Contains(warned.StandardOutput, "warning WANDB200");
        StringAssert.Contains(warned.StandardOutput, $"baseline group {noiseGroup}");

        var worse = workspace.DotNet($"build Churn -t:CrossValidate -p:Seed=4 -p:Degrade=0.03 -p:WandbBaseline={noiseGroup}", environment: environment, timeout: BuildTimeout);
        Assert.AreNotEqual(0, worse.ExitCode, worse.ToString());
        var worseGroup = GatedConsumer.GroupOf(worse);
        var error = worse.StandardOutput.Split('\n').First(l => l.Contains("error WANDB200", StringComparison.Ordinal));
        StringAssert.Contains(error, $"valid.Accuracy of job type fold in group {worseGroup}: regressed");
        StringAssert.Contains(error, $"baseline group {noiseGroup}: mean ");
        StringAssert.Contains(error, "(Welch's t-test)");
        StringAssert.Contains(error, "Rule: WandbGate valid.Accuracy JobType=fold Direction=higher Tolerance=0.005 Confidence=0.95.");

        var gates = ReportJson(workspace)["gates"]!.AsArray();
        var entry = gates.Single()!;
        Assert.AreEqual("regressed", (string?)entry["verdict"]);
        Assert.AreEqual(worseGroup, (string?)entry["group"]);
        Assert.AreEqual(noiseGroup, (string?)entry["baseline"]);
        Assert.AreEqual(5, (int)entry["current"]!["n"]!);
        Assert.AreEqual(5, (int)entry["baseline_stats"]!["n"]!);
        Assert.IsLessThan(0.05, (double)entry["p"]!);
        Assert.AreEqual(-0.03, (double)entry["difference"]!, 0.01, "the degradation, give or take the seed noise");
    }

    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void A_saved_baseline_file_gates_a_build_whose_store_is_empty_and_a_Min_floor_fails_with_WANDB201()
    {
        using var workspace = TestWorkspace.Create("gate-file");
        GatedConsumer.Write(workspace, "Churn");
        var environment = workspace.StoreEnvironment();

        var main = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=1", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, main.ExitCode, main.ToString());
        var save = workspace.DotNet("build Churn -t:WandbSaveBaseline", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, save.ExitCode, save.ToString());
        var file = Path.Combine(workspace.Root, "Churn", "wandb-baseline.json");
        var saved = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.AreEqual(1, (int)saved["schema"]!);
        Assert.AreEqual(GatedConsumer.GroupOf(main), (string?)saved["group"]);
        Assert.AreEqual(5, (int)saved["job_types"]!["fold"]!["valid.Accuracy"]!["n"]!);

        // CI: a fresh checkout with the committed file and no store history.
        Directory.Delete(workspace.StoreDirectory, recursive: true);
        environment["WANDB_BASELINE"] = "wandb-baseline.json";
        var noise = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=2", environment: environment, timeout: BuildTimeout);
        Assert.AreEqual(0, noise.ExitCode, noise.ToString());
        StringAssert.Contains(noise.StandardOutput, $"wandb gate: compared with the baseline file wandb-baseline.json (group {GatedConsumer.GroupOf(main)})");
        StringAssert.Contains(noise.StandardOutput, ": unchanged");

        var worse = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=3 -p:Degrade=0.03", environment: environment, timeout: BuildTimeout);
        Assert.AreNotEqual(0, worse.ExitCode, worse.ToString());
        StringAssert.Contains(worse.StandardOutput, "error WANDB200");
        StringAssert.Contains(worse.StandardOutput, "baseline file wandb-baseline.json");
        Assert.AreEqual("wandb-baseline.json", (string?)ReportJson(workspace)["gates"]![0]!["baseline"]);

        var floor = workspace.DotNet("build Churn -t:CrossValidate -p:Seed=4 -p:AccuracyFloor=0.9", environment: environment, timeout: BuildTimeout);
        Assert.AreNotEqual(0, floor.ExitCode, floor.ToString());
        StringAssert.Contains(floor.StandardOutput, "error WANDB201");
        StringAssert.Contains(floor.StandardOutput, ": below_min (mean below Min 0.9)");
        var verdicts = ReportJson(workspace)["gates"]!.AsArray().Select(g => (string?)g!["verdict"]).ToArray();
        CollectionAssert.AreEqual(new[] { "unchanged", "below_min" }, verdicts, "seed noise passes the comparison; the floor fails");
    }


    private static JsonObject ReportJson(TestWorkspace workspace) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(workspace.StoreDirectory, "report", "runs.json")))!.AsObject();
}
