using Wandb.Sdk.Tests.Gates;
using Wandb.Storage.Retention;

namespace Wandb.Sdk.Tests.Storage;

/// <summary>Retention never deletes the group the quality gate's auto baseline would compare the next group with.</summary>
[TestClass]
public sealed class RetentionBaselineTests
{
    // GateRuns start on 2026-11-01; a month later every group is outside a 7-day limit.
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ISet<string> NoneProtected = new HashSet<string>();

    [TestMethod]
    public void The_latest_finished_group_on_main_and_the_latest_finished_group_on_any_branch_stay()
    {
        var runs = GateRuns.Group("main-1", "fold", "accuracy", new[] { 0.8, 0.9 }, minute: 0, branch: "main")
            .Concat(GateRuns.Group("main-2", "fold", "accuracy", new[] { 0.8, 0.9 }, minute: 10, branch: "main"))
            .Concat(GateRuns.Group("feature-1", "fold", "accuracy", new[] { 0.8, 0.9 }, minute: 20, branch: "feature/x"))
            .ToList();

        var expired = RetentionSelection.Expired(runs, new RetentionPolicy { KeepDays = 7 }, NoneProtected, Now);

        CollectionAssert.AreEquivalent(new[] { "main-1" }, expired.Select(r => r.Group).Distinct().ToList(), "main-2 is what a feature branch compares with, feature-1 what a build without git compares with");
    }

    [TestMethod]
    public void A_group_with_a_failed_run_is_no_baseline_so_the_finished_group_before_it_stays_instead()
    {
        var runs = GateRuns.Group("good", "fold", "accuracy", new[] { 0.8, 0.9 }, minute: 0)
            .Concat(GateRuns.Group("broken", "fold", "accuracy", new[] { 0.1 }, minute: 10, state: RunState.Failed))
            .Concat(GateRuns.Group("older", "fold", "accuracy", new[] { 0.5 }, minute: -10))
            .ToList();

        var expired = RetentionSelection.Expired(runs, new RetentionPolicy { KeepDays = 7 }, NoneProtected, Now);

        CollectionAssert.AreEquivalent(new[] { "broken", "older" }, expired.Select(r => r.Group).Distinct().ToList());
    }

    [TestMethod]
    public void Each_set_of_job_types_keeps_its_own_baseline()
    {
        var runs = GateRuns.Group("train-1", "train", "loss", new[] { 0.3 }, minute: 0)
            .Concat(GateRuns.Group("train-2", "train", "loss", new[] { 0.2 }, minute: 5))
            .Concat(GateRuns.Group("tests-1", "test_method", "duration", new[] { 1.0 }, minute: 10))
            .ToList();

        var expired = RetentionSelection.Expired(runs, new RetentionPolicy { KeepDays = 7 }, NoneProtected, Now);

        CollectionAssert.AreEquivalent(new[] { "train-1" }, expired.Select(r => r.Group).Distinct().ToList(), "train-2 is the baseline of the next training group, tests-1 of the next test run");
    }

    [TestMethod]
    public void A_policy_with_a_project_leaves_other_projects_alone()
    {
        var runs = GateRuns.Group("a-1", "fold", "accuracy", new[] { 0.8 }, minute: 0, state: RunState.Failed)
            .Concat(GateRuns.Group("b-1", "fold", "accuracy", new[] { 0.8 }, minute: 0, state: RunState.Failed, project: "other"))
            .ToList();

        var expired = RetentionSelection.Expired(runs, new RetentionPolicy { KeepDays = 7, Project = "churn" }, NoneProtected, Now);

        CollectionAssert.AreEquivalent(new[] { "a-1" }, expired.Select(r => r.Group).Distinct().ToList());
    }
}
