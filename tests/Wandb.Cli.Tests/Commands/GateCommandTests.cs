using System.Text.Json.Nodes;
using Wandb.Cli.Tests.Infrastructure;

namespace Wandb.Cli.Tests.Commands;

/// <summary>baseline save and gate on real folder stores: the SDK's baseline file and gate engine through the command line.</summary>
[TestClass]
public sealed class GateCommandTests
{
    /// <summary>
    /// Group cv-good (final accuracy 0.8, 0.9, 1.0), then the later group cv-bad (0.2, 0.3, 0.4): cv-bad is the
    /// latest group and regressed against cv-good beyond any noise.
    /// </summary>
    private static TempStores RegressedStore()
    {
        var stores = new TempStores();
        foreach (var steps in new[] { 9, 10, 11 })
        {
            stores.AddRun("store", "cv-good", steps: steps);
        }

        foreach (var steps in new[] { 3, 4, 5 })
        {
            stores.AddRun("store", "cv-bad", steps: steps);
        }

        return stores;
    }

    [TestMethod]
    public async Task Baseline_save_writes_the_baseline_file_of_the_group_given_and_the_gate_compares_with_that_file()
    {
        using var stores = RegressedStore();

        var save = await CliRun.RunAsync(stores.Root, null, "baseline", "save", "--store", "store", "--group", "cv-good", "--file", "baselines/good.json");
        var same = await CliRun.RunAsync(stores.Root, null, "gate", "--store", "store", "--group", "cv-good", "--baseline", "baselines/good.json", "--rule", "accuracy;JobType=fold");
        var bad = await CliRun.RunAsync(stores.Root, null, "gate", "--store", "store", "--baseline", "baselines/good.json", "--rule", "accuracy;JobType=fold;Tolerance=0.01");

        Assert.AreEqual(ExitCodes.Success, save.ExitCode, save.ToString());
        var path = Path.Combine(stores.Root, "baselines", "good.json");
        StringAssert.Contains(save.Output, $"baseline of group cv-good (project churn, 1 job types, 2 metrics) written to {path}");
        var file = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.AreEqual(1, (int)file["schema"]!);
        Assert.AreEqual("churn", (string?)file["project"]);
        Assert.AreEqual("cv-good", (string?)file["group"]);
        Assert.AreEqual(3, (int)file["job_types"]!["fold"]!["accuracy"]!["n"]!);
        Assert.AreEqual(0.9, (double)file["job_types"]!["fold"]!["accuracy"]!["mean"]!, 1e-9);

        Assert.AreEqual(ExitCodes.Success, same.ExitCode, same.ToString());
        StringAssert.Contains(same.Output, "wandb gate: compared with the baseline file baselines/good.json");
        StringAssert.Contains(same.Output, "wandb gate: accuracy of job type fold in group cv-good: unchanged");

        Assert.AreEqual(ExitCodes.GateFailed, bad.ExitCode, bad.ToString());
        StringAssert.Contains(bad.Output, "wandb: error WANDB200: accuracy of job type fold in group cv-bad: regressed (lower than the baseline by more than the tolerance 0.01)");
        StringAssert.Contains(bad.Output, "baseline file baselines/good.json (group cv-good): mean 0.9 (n=3");
        StringAssert.Contains(bad.Error, "dotnet wandb: error: the quality gate of group cv-bad failed: 1 of 1 verdict(s)");
    }

    [TestMethod]
    public async Task Baseline_save_without_options_writes_the_latest_group_to_wandb_baseline_json_in_the_current_folder()
    {
        using var stores = RegressedStore();

        var save = await CliRun.RunAsync(stores.Root, new Dictionary<string, string?> { ["WANDB_DIR"] = stores.PathOf("store") }, "baseline", "save");

        Assert.AreEqual(ExitCodes.Success, save.ExitCode, save.ToString());
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(stores.Root, "wandb-baseline.json")))!;
        Assert.AreEqual("cv-bad", (string?)file["group"]);
        Assert.AreEqual(0.3, (double)file["job_types"]!["fold"]!["accuracy"]!["mean"]!, 1e-9);
    }

    [TestMethod]
    public async Task A_regressed_group_fails_with_exit_code_4_and_every_failing_code_while_warn_reports_the_same_verdicts_and_exits_0()
    {
        using var stores = RegressedStore();
        string[] args = { "gate", "--store", "store", "--rule", "accuracy", "--rule", "loss;Max=0.2", "--baseline", "cv-good" };

        var failed = await CliRun.RunAsync(stores.Root, null, args);
        var warned = await CliRun.RunAsync(stores.Root, null, args.Append("--warn").ToArray());

        Assert.AreEqual(ExitCodes.GateFailed, failed.ExitCode, failed.ToString());
        StringAssert.Contains(failed.Output, "wandb gate: compared with the baseline group cv-good");
        StringAssert.Contains(failed.Output, "wandb: error WANDB200: accuracy of job type fold in group cv-bad: regressed");
        StringAssert.Contains(failed.Output, "wandb: error WANDB202: loss of job type fold in group cv-bad: above_max (mean above Max 0.2)");
        StringAssert.Contains(failed.Error, "2 of 2 verdict(s)");

        Assert.AreEqual(ExitCodes.Success, warned.ExitCode, warned.ToString());
        StringAssert.Contains(warned.Output, "wandb: warning WANDB200: accuracy of job type fold in group cv-bad: regressed");
        StringAssert.Contains(warned.Output, "wandb: warning WANDB202: loss of job type fold in group cv-bad: above_max");
        Assert.AreEqual(string.Empty, warned.Error, warned.ToString());
    }

    [TestMethod]
    public async Task Auto_takes_the_earlier_finished_group_of_the_baseline_branch_and_no_baseline_is_a_warning_not_a_failure()
    {
        using var stores = RegressedStore();
        using var single = new TempStores();
        single.AddRun("store", "cv-only");

        // Runs record the git branch of the test process, and auto prefers main or master: name the branch they recorded.
        var git = Wandb.Environment.GitReader.Instance;
        var root = git.FindRoot(System.Environment.CurrentDirectory);
        var branch = (root is null ? null : git.Read(root))?.Branch ?? "main";

        var auto = await CliRun.RunAsync(stores.Root, null, "gate", "--store", "store", "--rule", "accuracy", "--baseline-branch", branch);
        var none = await CliRun.RunAsync(single.Root, null, "gate", "--store", "store", "--rule", "accuracy");

        Assert.AreEqual(ExitCodes.GateFailed, auto.ExitCode, auto.ToString());
        StringAssert.Contains(auto.Output, "compared with the baseline group cv-good");
        Assert.AreEqual(ExitCodes.Success, none.ExitCode, none.ToString());
        StringAssert.Contains(none.Output, "wandb gate: no baseline (");
        StringAssert.Contains(none.Output, "wandb: warning WANDB203: accuracy of job type fold in group cv-only: no_baseline");
    }

    [TestMethod]
    public async Task A_group_or_project_the_store_does_not_have_is_an_error_naming_it()
    {
        using var stores = RegressedStore();
        stores.AddRun("store", "other-1", project: "fraud");

        var group = await CliRun.RunAsync(stores.Root, null, "gate", "--store", "store", "--project", "churn", "--group", "cv-missing", "--rule", "accuracy");
        var project = await CliRun.RunAsync(stores.Root, null, "baseline", "save", "--store", "store");
        var badFile = await CliRun.RunAsync(stores.Root, null, "gate", "--store", "store", "--project", "churn", "--baseline", "broken.json", "--rule", "accuracy");

        Assert.AreEqual(ExitCodes.Failed, group.ExitCode, group.ToString());
        StringAssert.Contains(group.Error, "dotnet wandb: error: --group 'cv-missing': the store");
        Assert.AreEqual(ExitCodes.Usage, project.ExitCode, project.ToString());
        StringAssert.Contains(project.Error, "--project: the store " + stores.PathOf("store") + " holds runs of several projects (churn, fraud)");
        Assert.IsFalse(File.Exists(Path.Combine(stores.Root, "wandb-baseline.json")));
        Assert.AreEqual(ExitCodes.Success, badFile.ExitCode, badFile.ToString());
        StringAssert.Contains(badFile.Output, "no baseline (the baseline file broken.json does not exist");
    }
}
