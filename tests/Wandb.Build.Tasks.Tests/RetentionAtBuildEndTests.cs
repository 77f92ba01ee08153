using Wandb.Build.Tasks.Config;

namespace Wandb.Build.Tasks.Tests;

[TestClass]
public sealed class RetentionAtBuildEndTests
{
    [TestMethod]
    public void WandbRetentionGroups_deletes_older_groups_when_the_build_ends_and_keeps_the_build_s_own()
    {
        using var fixture = new TaskFixture();
        var old = fixture.EarlierRun("build-older", daysAgo: 30);
        var start = fixture.Start("Train");
        start.RetentionGroups = "1";

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        Assert.IsNull(fixture.Store.GetRun(old), "the older group is beyond the one kept");
        Assert.AreEqual(RunState.Finished, fixture.StoredRun(start.RunId).State);
        StringAssert.Contains(string.Join("\n", fixture.EndOfBuildOutput.Infos), "Retention: deleted 1 run(s) of 1 group(s)");
    }

    [TestMethod]
    public void WandbRetentionDryRun_lists_the_old_groups_at_the_end_of_the_build_and_deletes_nothing()
    {
        using var fixture = new TaskFixture();
        var old = fixture.EarlierRun("build-older", daysAgo: 30);
        var start = fixture.Start("Train");
        start.RetentionDays = "7";
        start.RetentionDryRun = true;

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        Assert.IsNotNull(fixture.Store.GetRun(old));
        var infos = string.Join("\n", fixture.EndOfBuildOutput.Infos);
        StringAssert.Contains(infos, "Retention (dry run): would delete 1 run(s) of 1 group(s)");
        StringAssert.Contains(infos, "Churn / build-older: " + old);
    }

    [TestMethod]
    public void Without_retention_properties_no_run_is_deleted()
    {
        using var fixture = new TaskFixture();
        var old = fixture.EarlierRun("build-ancient", daysAgo: 3000);
        var start = fixture.Start("Train");

        Assert.IsTrue(start.Execute());
        Assert.IsTrue(fixture.Finish(start.RunId, "Train").Execute());
        fixture.Engine.EndBuild();

        Assert.IsNotNull(fixture.Store.GetRun(old));
        Assert.IsFalse(fixture.EndOfBuildOutput.Infos.Any(i => i.Contains("Retention", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void A_bad_retention_value_warns_naming_the_property_and_keeps_the_target_tracked()
    {
        using var fixture = new TaskFixture();
        var start = fixture.Start("Train");
        start.RetentionDays = "a week";

        Assert.IsTrue(start.Execute());

        var warning = fixture.Engine.Warnings.Single(w => w.Code == "WANDB132");
        StringAssert.Contains(warning.Message, "WandbRetentionDays");
        StringAssert.Contains(warning.Message, "'a week'");
        Assert.AreNotEqual(string.Empty, start.RunId);
    }

    [TestMethod]
    [DataRow("0")]
    [DataRow("-3")]
    [DataRow("1.5")]
    public void Retention_limits_are_whole_numbers_of_at_least_one(string value)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => RetentionProperties.Parse(null, value, dryRun: false));

        StringAssert.Contains(error.Message, "WandbRetentionGroups");
    }

    [TestMethod]
    public void Empty_retention_properties_ask_for_no_policy_even_with_a_dry_run()
    {
        Assert.IsNull(RetentionProperties.Parse(string.Empty, " ", dryRun: true));
        Assert.AreEqual(14, RetentionProperties.Parse("14", null, dryRun: false)!.KeepDays);
    }
}
