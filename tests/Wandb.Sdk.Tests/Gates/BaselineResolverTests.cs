using Wandb.Gates;
using Wandb.Storage;

namespace Wandb.Sdk.Tests.Gates;

[TestClass]
public sealed class BaselineResolverTests
{
    private const string Accuracy = "valid.Accuracy";
    private static readonly double[] Values = { 0.85, 0.84, 0.86 };

    [TestMethod]
    public void Auto_picks_the_most_recent_finished_group_with_the_job_types_of_the_current_group_never_the_current_one()
    {
        var runs = new List<StoredRun>();
        runs.AddRange(GateRuns.Group("old", "CrossValidate", Accuracy, Values, 1));
        runs.AddRange(GateRuns.Group("recent", "CrossValidate", Accuracy, Values, 2));
        runs.AddRange(GateRuns.Group("recent", "Train", Accuracy, Values, 2));
        runs.AddRange(GateRuns.Group("failed", "CrossValidate", Accuracy, Values, 3, state: RunState.Failed));
        runs.AddRange(GateRuns.Group("other-job", "Evaluate", Accuracy, Values, 4));
        runs.AddRange(GateRuns.Group("now", "CrossValidate", Accuracy, Values, 5));

        var resolution = BaselineResolver.Resolve(null, "now", runs, branch: null, baseDirectory: ".");

        Assert.AreEqual("recent", resolution.Baseline?.Name, "a group with more job types still has every job type of the current group");
        Assert.IsFalse(resolution.Baseline!.IsFile);
        Assert.AreEqual(3, resolution.Baseline.Find("CrossValidate", Accuracy)!.N);
    }

    [TestMethod]
    public void On_a_feature_branch_auto_compares_with_the_default_branch_not_with_the_branchs_own_previous_group()
    {
        var runs = new List<StoredRun>();
        runs.AddRange(GateRuns.Group("main-1", "CrossValidate", Accuracy, Values, 1, branch: "main"));
        runs.AddRange(GateRuns.Group("feature-1", "CrossValidate", Accuracy, Values, 2, branch: "feature/x"));
        runs.AddRange(GateRuns.Group("release-1", "CrossValidate", Accuracy, Values, 3, branch: "release"));
        runs.AddRange(GateRuns.Group("feature-2", "CrossValidate", Accuracy, Values, 4, branch: "feature/x"));

        var auto = BaselineResolver.Resolve("auto", "feature-2", runs, branch: null, baseDirectory: ".");
        var release = BaselineResolver.Resolve("auto", "feature-2", runs, branch: "release", baseDirectory: ".");
        var none = BaselineResolver.Resolve("auto", "feature-2", runs, branch: "develop", baseDirectory: ".");

        Assert.AreEqual("main-1", auto.Baseline?.Name);
        Assert.AreEqual("main", auto.Baseline!.Branch);
        Assert.AreEqual("release-1", release.Baseline?.Name, "WandbBaselineBranch names the default branch");
        Assert.IsNull(none.Baseline);
        StringAssert.Contains(none.Missing, "on branch develop");
    }

    [TestMethod]
    public void A_group_name_is_that_group_and_an_unknown_group_or_a_missing_file_is_no_baseline_with_the_reason()
    {
        var runs = GateRuns.Group("old", "CrossValidate", Accuracy, Values, 1).Concat(GateRuns.Group("now", "CrossValidate", Accuracy, Values, 2)).ToList();

        var named = BaselineResolver.Resolve("old", "now", runs, null, ".");
        var unknown = BaselineResolver.Resolve("nope", "now", runs, null, ".");
        using var folder = new TempFolder("baseline");
        var missing = BaselineResolver.Resolve("ci/wandb-baseline.json", "now", runs, null, folder.Path);

        Assert.AreEqual("old", named.Baseline?.Name);
        Assert.IsNull(unknown.Baseline);
        StringAssert.Contains(unknown.Missing, "the baseline group nope has no runs of this project");
        Assert.IsNull(missing.Baseline);
        StringAssert.Contains(missing.Missing, "the baseline file ci/wandb-baseline.json does not exist");
    }
}
